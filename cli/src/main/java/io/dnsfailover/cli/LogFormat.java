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
 * {@code --log-format}: how log lines on stderr look. {@code text} is for people ({@link
 * #TEXT_PATTERN}, the default {@link LogConfigurator} sets up); {@code json} is one JSON object per
 * line for Loki, Elasticsearch and friends ({@link JsonLineEncoder}).
 */
enum LogFormat {
  text,
  json;

  static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";

  /**
   * Switches the stderr appender that {@link LogConfigurator} set up to this format; nothing to do
   * when it already has it (the default, {@code text}, costs nothing).
   */
  void apply() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding: it formats its own lines
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> appender = root.getAppender(LogConfigurator.APPENDER);
    if (!(appender instanceof ConsoleAppender<ILoggingEvent> console) || formats(console)) {
      return;
    }
    Encoder<ILoggingEvent> encoder = encoder(context);
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }

  /** A started encoder of this format. */
  Encoder<ILoggingEvent> encoder(LoggerContext context) {
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
    return encoder;
  }

  private boolean formats(ConsoleAppender<ILoggingEvent> console) {
    return switch (this) {
      case text -> console.getEncoder() instanceof PatternLayoutEncoder;
      case json -> console.getEncoder() instanceof JsonLineEncoder;
    };
  }
}
