package io.onestore.ingestor.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AccountsFileTest {

    @Test
    void readsIdsTokensAndOptionalIgUserIdsSkippingCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("accounts.txt");
        Files.writeString(
                file,
                """
                # graph business accounts
                brand-a   EAAGm0PX4ZCpsBAKZ1secret   17841400000000001

                # a web session
                scout-1 IGSCsessionsecret
                  indented\tTABBEDsecret
                """);

        List<Account> accounts = AccountsFile.load(file);

        assertThat(accounts)
                .containsExactly(
                        new Account("brand-a", "EAAGm0PX4ZCpsBAKZ1secret", "17841400000000001"),
                        new Account("scout-1", "IGSCsessionsecret", null),
                        new Account("indented", "TABBEDsecret", null));
    }

    @Test
    void badAndDuplicateLinesAreSkippedAndReportedWithoutTheirText(CapturedOutput output) {
        List<Account> accounts = AccountsFile.parse(List.of(
                "lonely-id-without-token", "a tokA-secret", "a tokA2-secret", "b tokB-secret 1784 extra-field-secret"));

        assertThat(accounts).containsExactly(new Account("a", "tokA-secret", null));
        assertThat(output).contains("line 1").contains("line 3").contains("line 4");
        assertThat(output)
                .doesNotContain("tokA2-secret")
                .doesNotContain("tokB-secret")
                .doesNotContain("extra-field");
    }

    @Test
    void noFileMeansAnEmptyPool() {
        assertThat(AccountsFile.load(null)).isEmpty();
    }

    @Test
    void toStringRedactsTheToken() {
        Account account = new Account("brand-a", "EAAGm0PX4ZCpsBAKZ1secret", "17841400000000001");

        assertThat(account.toString())
                .doesNotContain("EAAGm0PX4ZCpsBAKZ1secret")
                .contains("brand-a")
                .contains("<redacted>");
        assertThat(List.of(account).toString()).doesNotContain("secret");
    }
}
