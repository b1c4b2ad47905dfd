package io.kafkaarchiver.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The working directory and an archive in a directory are kept apart, links and all, and nothing is made inside the archive. */
class WorkDirCheckTest {

    @TempDir
    Path home;

    @Test
    void aWorkingDirectoryInsideTheArchiveFailsNamingBothAndIsNotMade() throws IOException {
        Path archive = Files.createDirectories(home.resolve("archive"));
        Path work = archive.resolve("archive-work");

        CheckLine line = check(work, archive);

        assertThat(line.status()).isEqualTo(CheckLine.Status.FAILED);
        assertThat(line.line()).isEqualTo("bad setting archive.work-dir: " + work + " is inside file.root (" + archive + "): the archive"
                + " would hold the working files, and list them as objects; give the working directory a place of its own");
        assertThat(work).doesNotExist();
    }

    @Test
    void anArchiveInsideTheWorkingDirectoryFailsThroughALinkToo() throws IOException {
        Path work = Files.createDirectories(home.resolve("work"));
        Path archive = Files.createDirectories(work.resolve("archive"));
        Path link = Files.createSymbolicLink(home.resolve("archive-link"), archive);

        CheckLine line = check(work, link);

        assertThat(line.status()).isEqualTo(CheckLine.Status.FAILED);
        assertThat(line.line()).startsWith("bad setting archive.work-dir: " + work + " holds file.root (" + link + "): the working"
                + " directory is scratch");
    }

    @Test
    void directoriesApartPassEvenWhenOneNameStartsTheOther() throws IOException {
        Path archive = Files.createDirectories(home.resolve("archive"));

        CheckLine line = check(home.resolve("archive-work"), archive);

        assertThat(line.status()).as(line.line()).isEqualTo(CheckLine.Status.OK);
        assertThat(new WorkDirCheck(home.resolve("other"), 0, Optional.empty()).run().status()).isEqualTo(CheckLine.Status.OK);
    }

    private static CheckLine check(Path work, Path archive) {
        return new WorkDirCheck(work, 0, Optional.of(archive)).run();
    }
}
