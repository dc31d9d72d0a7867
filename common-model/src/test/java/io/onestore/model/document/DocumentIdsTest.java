package io.onestore.model.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {

    @Test
    void postIdsArePlatformAndNativeId() {
        assertThat(DocumentIds.post(Platform.INSTAGRAM, "3141")).isEqualTo("instagram:3141");
    }

    @Test
    void tagAndProfileIdsAreNormalised() {
        assertThat(DocumentIds.tag(Platform.INSTAGRAM, "#Café")).isEqualTo("instagram:tag:café");
        assertThat(DocumentIds.profile(Platform.X, "NikeRunning")).isEqualTo("x:profile:nikerunning");
        assertThat(TargetDocument.idOf(TargetDocument.Kind.HASHTAG, "Nike")).isEqualTo("hashtag:nike");
    }

    @Test
    void capturesInOneBucketShareAnIdAndTheNextBucketDoesNot() {
        Duration fiveMinutes = Duration.ofMinutes(5);
        String a = DocumentIds.capture("instagram:1", Instant.parse("2026-11-26T12:45:00Z"), fiveMinutes);
        String b = DocumentIds.capture("instagram:1", Instant.parse("2026-11-26T12:49:59.999Z"), fiveMinutes);
        String c = DocumentIds.capture("instagram:1", Instant.parse("2026-11-26T12:50:00Z"), fiveMinutes);
        assertThat(a).isEqualTo(b).isEqualTo("instagram:1@2026-11-26T12:45:00Z");
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void aTagsVolumeIsKeyedByItsHourSoEveryReadOfTheHourSharesAnId() {
        Instant hour = Instant.parse("2026-11-26T12:00:00Z");
        assertThat(DocumentIds.tagVolume(Platform.X, "#Nike", hour)).isEqualTo("x:tag:nike@2026-11-26T12:00:00Z");
        assertThatThrownBy(() -> DocumentIds.tagVolume(Platform.X, "nike", hour.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBlankParts() {
        assertThatThrownBy(() -> DocumentIds.post(Platform.INSTAGRAM, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DocumentIds.tag(Platform.INSTAGRAM, "2024"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
