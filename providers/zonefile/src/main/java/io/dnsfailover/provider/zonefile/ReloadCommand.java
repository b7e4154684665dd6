package io.dnsfailover.provider.zonefile;

import io.dnsfailover.spi.Durations;
import io.dnsfailover.spi.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command that tells a DNS server to load a zone file the provider just wrote ({@code
 * reloadCommand}): {@code [rndc, reload, "{zone}"]} for BIND, {@code [knotc, zone-reload,
 * "{zone}"]} for Knot, {@code [nsd-control, reload, "{zone}"]} for NSD. It runs without a shell, so
 * no word is split or expanded; {@code {zone}} becomes the zone name without its trailing dot and
 * {@code {path}} the zone file. A non-zero exit or running past {@code timeout} is a failure whose
 * message quotes the command's last line of error output.
 */
final class ReloadCommand {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The placeholders a word may hold. */
  static final List<String> PLACEHOLDERS = List.of("{zone}", "{path}");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");

  /** How much of each output stream is kept for the message; the rest is read and dropped. */
  private static final int KEPT_OUTPUT = 8192;

  private final List<String> words;
  private final Duration timeout;

  ReloadCommand(List<String> words, Duration timeout) {
    this.words = List.copyOf(words);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (this.words.isEmpty()) {
      throw new IllegalArgumentException("a reload command needs at least the program to run");
    }
  }

  /** The placeholders in {@code word} that are not {@link #PLACEHOLDERS}; empty when all are. */
  static List<String> unknownPlaceholders(String word) {
    List<String> unknown = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(word);
    while (matcher.find()) {
      if (!PLACEHOLDERS.contains(matcher.group())) {
        unknown.add(matcher.group());
      }
    }
    return unknown;
  }

  List<String> words() {
    return words;
  }

  Duration timeout() {
    return timeout;
  }

  /**
   * The words with the placeholders filled in for {@code zone} (no trailing dot) and {@code file}.
   */
  List<String> expand(String zone, Path file) {
    return words.stream()
        .map(word -> word.replace("{zone}", zone).replace("{path}", file.toString()))
        .toList();
  }

  /**
   * Runs the command for {@code zone} and {@code file} and waits for it.
   *
   * @throws ProviderException TRANSIENT when it cannot start, exits non-zero or times out; the
   *     message starts with "reload command" and quotes the command and its last error line
   */
  void run(String zone, Path file) throws ProviderException {
    List<String> command = expand(zone, file);
    String shown = String.join(" ", command);
    Process process;
    try {
      process = new ProcessBuilder(command).start();
      process.getOutputStream().close(); // nothing to say on its standard input
    } catch (IOException e) {
      throw failure("reload command `" + shown + "` could not start: " + e.getMessage(), e);
    }
    CompletableFuture<String> stdout = drain(process.getInputStream());
    CompletableFuture<String> stderr = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // The command first, so a shell cannot report its killed child as its last words.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(1, TimeUnit.SECONDS);
        throw failure(
            "reload command `"
                + shown
                + "` did not finish within reloadTimeout "
                + Durations.format(timeout)
                + lastLine(stderr, stdout).map(line -> ": " + line).orElse("")
                + "; it was killed",
            null);
      }
      int exit = process.exitValue();
      if (exit != 0) {
        throw failure(
            "reload command `"
                + shown
                + "` exited "
                + exit
                + lastLine(stderr, stdout).map(line -> ": " + line).orElse(" without a message"),
            null);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw failure("reload command `" + shown + "` was interrupted", e);
    }
  }

  private static ProviderException failure(String message, Throwable cause) {
    return new ProviderException(ProviderException.Kind.TRANSIENT, message, cause);
  }

  /** The last non-blank line of error output, else of standard output. */
  private static Optional<String> lastLine(
      CompletableFuture<String> stderr, CompletableFuture<String> stdout) {
    for (CompletableFuture<String> output : List.of(stderr, stdout)) {
      String text;
      try {
        text = output.get(1, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      if (!lines.isEmpty()) {
        return Optional.of(lines.getLast());
      }
    }
    return Optional.empty();
  }

  /** Reads a stream to its end on a virtual thread, keeping its last {@link #KEPT_OUTPUT} bytes. */
  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              byte[] kept = new byte[KEPT_OUTPUT];
              int length = 0;
              byte[] buffer = new byte[4096];
              try (stream) {
                for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                  if (n >= KEPT_OUTPUT) {
                    System.arraycopy(buffer, n - KEPT_OUTPUT, kept, 0, KEPT_OUTPUT);
                    length = KEPT_OUTPUT;
                  } else {
                    int keep = Math.min(length, KEPT_OUTPUT - n);
                    System.arraycopy(kept, length - keep, kept, 0, keep);
                    System.arraycopy(buffer, 0, kept, keep, n);
                    length = keep + n;
                  }
                }
                result.complete(new String(kept, 0, length, StandardCharsets.UTF_8));
              } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
              }
            });
    return result;
  }
}
