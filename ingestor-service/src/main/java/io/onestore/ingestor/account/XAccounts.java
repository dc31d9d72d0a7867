package io.onestore.ingestor.account;

/**
 * X's bearer tokens and what they may spend: a pool of its own (X tokens are no Instagram sessions, and a 402 on one
 * says nothing of the other network) and the daily {@link SpendCeiling}. One bean holding both, so that the
 * Instagram side keeps injecting its {@link AccountPool} by type.
 */
public record XAccounts(AccountPool pool, SpendCeiling spend) {}
