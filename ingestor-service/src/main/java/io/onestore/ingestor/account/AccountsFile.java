package io.onestore.ingestor.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the accounts file: one account per line, {@code <id> <token> [<ig-user-id>]} separated by whitespace; blank
 * lines and lines starting with {@code #} are ignored. A bad line is skipped and reported by its number only, since
 * its text may hold a token.
 */
public final class AccountsFile {

    private static final Logger log = LoggerFactory.getLogger(AccountsFile.class);

    private AccountsFile() {}

    /** The accounts of {@code file}; none when no file is configured. */
    public static List<Account> load(Path file) {
        if (file == null) {
            log.warn("No accounts file configured (onestore.sources.instagram.accounts-file): the pool is empty");
            return List.of();
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("accounts file unreadable: " + file, e);
        }
    }

    public static List<Account> parse(List<String> lines) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2 || fields.length > 3) {
                log.warn("accounts file line {}: expected '<id> <token> [<ig-user-id>]', skipped", i + 1);
                continue;
            }
            Account account = new Account(fields[0], fields[1], fields.length == 3 ? fields[2] : null);
            if (accounts.putIfAbsent(account.id(), account) != null) {
                log.warn("accounts file line {}: duplicate account id '{}', skipped", i + 1, account.id());
            }
        }
        return new ArrayList<>(accounts.values());
    }
}
