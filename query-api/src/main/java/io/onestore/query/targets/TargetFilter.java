package io.onestore.query.targets;

import io.onestore.model.document.TargetDocument;

/**
 * What {@code GET /api/v1/targets} lists: every criterion optional.
 *
 * @param kind only hashtags or only profiles
 * @param campaignId only the targets a campaign needs
 * @param underCovered only the targets some platform of which is not fully covered ({@link TargetLedger#underCovered})
 */
record TargetFilter(TargetDocument.Kind kind, String campaignId, boolean underCovered) {}
