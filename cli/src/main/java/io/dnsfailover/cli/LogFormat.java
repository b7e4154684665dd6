package io.dnsfailover.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format}: how log lines on stderr look. {@code text} is for people (the pattern of
 * {@code logback.xml}); {@code json} is one JSON object per line for Loki, Elasticsearch and
 * friends ({@link JsonLineEncoder}).
 */
enum LogFormat {
  text,
  json;

  static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";
  private static final String APPENDER = "STDERR";

  /** Switches the stderr appender of {@code logback.xml} to this format. */
  void apply() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding: it formats its own lines
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> appender = root.getAppender(APPENDER);
    if (!(appender instanceof ConsoleAppender<ILoggingEvent> console)) {
      return;
    }
    Encoder<ILoggingEvent> encoder =
        switch (this) {
          case text -> {
            PatternLayoutEncoder pattern = new PatternLayoutEncoder();
            pattern.setPattern(TEXT_PATTERN);
            yield pattern;
          }
          case json -> new JsonLineEncoder();
        };
    encoder.setContext(context);
    encoder.start();
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }
}
