package io.dnsfailover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Logging set up in code: what {@code logback.xml} said, without reading XML. */
class LogConfiguratorTest {

  private final LoggerContext context = new LoggerContext();

  @Test
  void logbackFindsItThroughServiceLoader() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .containsExactly(LogConfigurator.class);
  }

  @Test
  void textToStderrInfoForDnsfailoverWarnForLibraries() {
    assertThat(configure()).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.dnsfailover.engine.Daemon").getEffectiveLevel())
        .isEqualTo(Level.INFO);
    assertThat(context.getLogger("software.amazon.awssdk.core").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(
            context
                .getLogger("com.azure.core.http.jdk.httpclient.JdkHttpClient")
                .getEffectiveLevel())
        .isEqualTo(Level.ERROR);
    Appender<ILoggingEvent> appender = root.getAppender("STDERR");
    if (!(appender instanceof ConsoleAppender<ILoggingEvent> console)) {
      throw new AssertionError("no console appender STDERR: " + appender);
    }
    assertThat(console.getTarget()).isEqualTo("System.err");
    assertThat(console.isStarted()).isTrue();
    assertThat(console.getEncoder())
        .isInstanceOfSatisfying(
            PatternLayoutEncoder.class,
            encoder -> assertThat(encoder.getPattern()).isEqualTo(LogFormat.TEXT_PATTERN));
  }

  @Test
  void aConfigurationFileGivenOnTheCommandLineWins() {
    System.setProperty("logback.configurationFile", "my-logback.xml");
    try {
      assertThat(configure()).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders())
          .isExhausted();
    } finally {
      System.clearProperty("logback.configurationFile");
    }
  }

  private ExecutionStatus configure() {
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);
    return configurator.configure(context);
  }
}
