package io.kafkaarchiver.cli;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantConverterTest {

    @ParameterizedTest
    @CsvSource({
            "2026-11-23T10:15:30Z,  2026-11-23T10:15:30Z",
            "2026-11-23T10:15:30.5Z, 2026-11-23T10:15:30.500Z",
            "2026-11-23T10:15,      2026-11-23T10:15:00Z",
            "2026-11-23,            2026-11-23T00:00:00Z",
            "1795429800000,         2026-11-23T10:30:00Z",
    })
    void readsEveryDocumentedForm(String written, String expected) {
        assertThat(new InstantConverter().convert(written)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void somethingElseIsRefusedWithTheFormsItTakes() {
        assertThatThrownBy(() -> new InstantConverter().convert("yesterday"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'yesterday' is not a time (write it like " + InstantConverter.FORMATS + ")");
    }
}
