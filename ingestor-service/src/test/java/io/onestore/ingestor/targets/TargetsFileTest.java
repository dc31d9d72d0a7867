package io.onestore.ingestor.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.onestore.model.document.Platform;
import io.onestore.model.document.TargetDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsFileTest {

    @Test
    void theSeedsTagsFileWorksUnchanged() {
        List<Target> targets = TargetsFile.parse(List.of("nike", "adidas", "justdoit"), "tags.txt");

        assertThat(targets)
                .containsExactly(Target.hashtag("nike"), Target.hashtag("adidas"), Target.hashtag("justdoit"));
    }

    @Test
    void hashSignsHandlesCommentsAndBlankLines() {
        List<Target> targets = TargetsFile.parse(
                List.of(
                        "# brands we watch",
                        "",
                        "#Nike",
                        "   ",
                        "@Nike.",
                        "＃Puma",
                        "#",
                        "#\tanother comment",
                        "  adidas  "),
                "targets.txt");

        assertThat(targets)
                .containsExactly(
                        Target.hashtag("nike"),
                        Target.profile("nike"),
                        Target.hashtag("puma"),
                        Target.hashtag("adidas"));
    }

    @Test
    void unicodeTagsAreNormalisedToOneFormAndDuplicatesKeptOnce() {
        List<Target> targets = TargetsFile.parse(List.of("#Café", "cafe\u0301", "#CAFÉ", "東京", "#مرحبا"), "t");

        assertThat(targets).containsExactly(Target.hashtag("café"), Target.hashtag("東京"), Target.hashtag("مرحبا"));
    }

    @Test
    void aLineThatIsNeitherTagNorHandleIsSkippedAndTheRestKept() {
        List<Target> targets = TargetsFile.parse(List.of("not a tag", "2024", "@bad handle!", "ok"), "t");

        assertThat(targets).containsExactly(Target.hashtag("ok"));
    }

    @Test
    void platformsNamedAfterATargetMakeOneTargetEachAndAnUnknownPlatformSkipsTheLine() {
        List<Target> targets = TargetsFile.parse(
                List.of("#running mastodon, bluesky", "#nike instagram mastodon", "#vans myspace", "#puma"), "t");

        assertThat(targets)
                .containsExactly(
                        new Target(TargetDocument.Kind.HASHTAG, "running", Platform.MASTODON),
                        new Target(TargetDocument.Kind.HASHTAG, "running", Platform.BLUESKY),
                        Target.hashtag("nike"),
                        new Target(TargetDocument.Kind.HASHTAG, "nike", Platform.MASTODON),
                        Target.hashtag("puma"));
    }

    @Test
    void readsUtf8WithAByteOrderMarkAndAMissingFileIsNoTargets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tags.txt");
        Files.writeString(file, "\uFEFFnike\n@adidas\n", StandardCharsets.UTF_8);

        assertThat(TargetsFile.read(file)).containsExactly(Target.hashtag("nike"), Target.profile("adidas"));
        assertThat(TargetsFile.read(dir.resolve("missing.txt"))).isEmpty();
    }

    @Test
    void xIsNamedAfterTheTargetLikeEveryOtherPlatformAndAPrefixIsNoTarget() {
        List<Target> targets = TargetsFile.parse(List.of("#Nike x", "@nike X", "#puma instagram x", "x:#nike"), "t");

        assertThat(targets)
                .containsExactly(
                        new Target(TargetDocument.Kind.HASHTAG, "nike", Platform.X),
                        new Target(TargetDocument.Kind.PROFILE, "nike", Platform.X),
                        Target.hashtag("puma"),
                        new Target(TargetDocument.Kind.HASHTAG, "puma", Platform.X));
    }

    @Test
    void aBlueskyProfileIsAHandleWithHyphensOrADid() {
        List<Target> targets = TargetsFile.parse(
                List.of(
                        "@Alice-Runs.bsky.social bluesky",
                        "did:plc:ewvi7nxzyoun6zhxrhs64oiz bluesky",
                        "@did:web:shoes.example.com bluesky",
                        "#running bluesky",
                        "@alice-runs.bsky.social instagram",
                        "@not_a_domain bluesky"),
                "t");

        assertThat(targets)
                .containsExactly(
                        new Target(TargetDocument.Kind.PROFILE, "alice-runs.bsky.social", Platform.BLUESKY),
                        new Target(TargetDocument.Kind.PROFILE, "did:plc:ewvi7nxzyoun6zhxrhs64oiz", Platform.BLUESKY),
                        new Target(TargetDocument.Kind.PROFILE, "did:web:shoes.example.com", Platform.BLUESKY),
                        new Target(TargetDocument.Kind.HASHTAG, "running", Platform.BLUESKY),
                        new Target(TargetDocument.Kind.PROFILE, "not_a_domain", Platform.BLUESKY));
    }
}
