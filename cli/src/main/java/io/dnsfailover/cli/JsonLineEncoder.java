package io.dnsfailover.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per log line, the fields a log pipeline indexes:
 *
 * <pre>
 * {"time":"2026-11-23T10:00:00.123Z","level":"INFO","logger":"io.dnsfailover.engine.Daemon",
 *  "thread":"main","message":"daemon started: ...","exception":"java.io.IOException: ..."}
 * </pre>
 *
 * MDC entries and SLF4J key-value pairs become fields of their own (never overriding these).
 * Smaller than logback's own {@code JsonEncoder}, which also writes the logger context, sequence
 * numbers and the unformatted message with its arguments.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

  private static final JsonFactory JSON = new JsonFactory();
  private static final java.util.Set<String> FIXED =
      java.util.Set.of("time", "level", "logger", "thread", "message", "exception");

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", event.getInstant().toString());
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      json.writeStringField("message", event.getFormattedMessage());
      IThrowableProxy throwable = event.getThrowableProxy();
      if (throwable != null) {
        json.writeStringField("exception", ThrowableProxyUtil.asString(throwable));
      }
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null) {
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
          if (!FIXED.contains(entry.getKey())) {
            json.writeStringField(entry.getKey(), entry.getValue());
          }
        }
      }
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair pair : event.getKeyValuePairs()) {
          if (!FIXED.contains(pair.key)) {
            json.writeStringField(pair.key, String.valueOf(pair.value));
          }
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
