package io.dnsfailover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging as the command line wants it, set up in code: logback finds this class through {@code
 * META-INF/services/ch.qos.logback.classic.spi.Configurator} before it looks for a {@code
 * logback.xml}. Parsing XML at every start cost a short command such as {@code validate} about 600
 * classes (logback's Joran and the JDK's XML parser) for four lines of configuration.
 *
 * <p>Logs go to stderr; stdout carries only results (plans, check tables, JSON). {@code
 * --log-format} swaps the encoder of the {@value #APPENDER} appender ({@link LogFormat}), {@code
 * -v} sets {@code io.dnsfailover} to DEBUG ({@link ConfigOptions}). Never log a secret: webhook
 * URLs are logged through {@code WebhookConfig.redactedUrl()}, config values never appear in
 * messages.
 *
 * <p>A configuration file given with {@code -Dlogback.configurationFile=FILE} still wins: then this
 * class steps aside and logback reads that file.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  /** The name {@link LogFormat} finds the stderr appender by. */
  static final String APPENDER = "STDERR";

  private static final String CONFIGURATION_FILE_PROPERTY = "logback.configurationFile";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(CONFIGURATION_FILE_PROPERTY) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName(APPENDER);
    stderr.setTarget("System.err");
    stderr.setEncoder(LogFormat.text.encoder(context));
    stderr.start();

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("io.dnsfailover").setLevel(Level.INFO);
    // The JDK HTTP client adapter of the Azure SDK warns on every request body that
    // Content-Length is a restricted header; the length is sent all the same.
    context.getLogger("com.azure.core.http.jdk.httpclient.JdkHttpClient").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
