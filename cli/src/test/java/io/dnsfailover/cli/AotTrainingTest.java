package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workload the release's start-up cache is recorded from still runs as it should: a command
 * that changed its exit code or its options would leave the cache without its classes.
 */
class AotTrainingTest {

  @TempDir Path dir;

  @Test
  void everyCommandEndsAsExpectedAndOncePublishesTheHealthyEndpoint() throws Exception {
    assertThat(AotTraining.train(dir)).isEmpty();

    assertThat(Files.readString(dir.resolve("training.zone")))
        .containsPattern("(?m)^app\\.example\\.test\\.\\s+20\\s+IN\\s+A\\s+127\\.0\\.0\\.1$")
        .containsPattern("(?m)^api\\.example\\.test\\.\\s+30\\s+IN\\s+A\\s+127\\.0\\.0\\.1$");
  }
}
