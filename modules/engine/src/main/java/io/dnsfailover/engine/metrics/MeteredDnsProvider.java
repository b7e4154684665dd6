package io.dnsfailover.engine.metrics;

import io.dnsfailover.spi.ApplyResult;
import io.dnsfailover.spi.Capabilities;
import io.dnsfailover.spi.Change;
import io.dnsfailover.spi.DnsProvider;
import io.dnsfailover.spi.Fence;
import io.dnsfailover.spi.ProviderException;
import io.dnsfailover.spi.RecordKey;
import io.dnsfailover.spi.RecordSet;
import io.dnsfailover.spi.Zone;
import io.dnsfailover.spi.ZoneContents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a {@link DnsProvider} and records every {@link #records} (or {@link #contents}) and {@link
 * #apply} call: {@code dnsfailover_provider_calls_total}, {@code dnsfailover_provider_errors_total}
 * (by {@link ProviderException.Kind}), {@code dnsfailover_provider_throttles_total} (see {@link
 * Throttling}), {@code dnsfailover_provider_call_duration_seconds} and {@code
 * dnsfailover_provider_writes_total} (the write requests of the applies that succeeded, as the
 * provider reports them; a failed apply shows in calls and errors). Labels: {@code provider} (the
 * name in the config's {@code providers:} block), {@code provider_type} and {@code operation}
 * ({@code records} or {@code apply}). Behaviour is otherwise the delegate's, exceptions included.
 */
public final class MeteredDnsProvider implements DnsProvider {

  private final DnsProvider delegate;
  private final MeterRegistry registry;
  private final String name;
  private final Operation records;
  private final Operation apply;
  private final Operation reload;
  private final Counter writes;

  public MeteredDnsProvider(String name, DnsProvider delegate, MeterRegistry registry) {
    this.name = Objects.requireNonNull(name, "name");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.records = new Operation("records");
    this.apply = new Operation("apply");
    this.reload = new Operation("reload");
    this.writes =
        Counter.builder(MetricNames.PROVIDER_WRITES)
            .description("Write requests sent to a DNS provider")
            .tag("provider", name)
            .tag("provider_type", delegate.type())
            .register(registry);
  }

  @Override
  public String type() {
    return delegate.type();
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public List<RecordSet> records(Zone zone, Set<RecordKey> keys) throws ProviderException {
    long started = now();
    try {
      return delegate.records(zone, keys);
    } catch (ProviderException e) {
      records.failed(e);
      throw e;
    } finally {
      records.done(started);
    }
  }

  /** Counted as a {@code records} call: it is the same one read. */
  @Override
  public ZoneContents contents(Zone zone, Set<RecordKey> keys) throws ProviderException {
    long started = now();
    try {
      return delegate.contents(zone, keys);
    } catch (ProviderException e) {
      records.failed(e);
      throw e;
    } finally {
      records.done(started);
    }
  }

  @Override
  public ApplyResult apply(Zone zone, List<Change> changes) throws ProviderException {
    return metered(() -> delegate.apply(zone, changes));
  }

  /** Passes {@code fence} on, so a provider that checks it atomically still can. */
  @Override
  public ApplyResult apply(Zone zone, List<Change> changes, Fence fence) throws ProviderException {
    return metered(() -> delegate.apply(zone, changes, fence));
  }

  private interface ApplyCall {
    ApplyResult call() throws ProviderException;
  }

  private ApplyResult metered(ApplyCall call) throws ProviderException {
    long started = now();
    try {
      ApplyResult result = call.call();
      writes.increment(result.writeCalls());
      return result;
    } catch (ProviderException e) {
      apply.failed(e);
      throw e;
    } finally {
      apply.done(started);
    }
  }

  @Override
  public void reload(Zone zone) throws ProviderException {
    long started = now();
    try {
      delegate.reload(zone);
    } catch (ProviderException e) {
      reload.failed(e);
      throw e;
    } finally {
      reload.done(started);
    }
  }

  @Override
  public void close() {
    delegate.close();
  }

  private long now() {
    return registry.config().clock().monotonicTime();
  }

  /** The meters of one operation, every error kind registered up front so rates start at 0. */
  private final class Operation {
    private final String operation;
    private final Counter calls;
    private final Timer duration;
    private final Counter throttles;
    private final Map<ProviderException.Kind, Counter> errors =
        new EnumMap<>(ProviderException.Kind.class);

    Operation(String operation) {
      this.operation = operation;
      this.calls =
          Counter.builder(MetricNames.PROVIDER_CALLS)
              .description("Calls to a DNS provider")
              .tags(tags())
              .register(registry);
      this.duration =
          Timer.builder(MetricNames.PROVIDER_CALL_DURATION)
              .description("How long a DNS provider call took, failed calls included")
              .tags(tags())
              .serviceLevelObjectives(MetricNames.PROVIDER_BUCKETS)
              .register(registry);
      this.throttles =
          Counter.builder(MetricNames.PROVIDER_THROTTLES)
              .description("Provider calls that failed because the provider throttled us")
              .tags(tags())
              .register(registry);
      for (ProviderException.Kind kind : ProviderException.Kind.values()) {
        errors.put(
            kind,
            Counter.builder(MetricNames.PROVIDER_ERRORS)
                .description("Failed DNS provider calls, by kind")
                .tags(tags())
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .register(registry));
      }
    }

    private String[] tags() {
      return new String[] {
        "provider", name, "provider_type", delegate.type(), "operation", operation
      };
    }

    void failed(ProviderException error) {
      errors.get(error.kind()).increment();
      if (Throttling.isThrottle(error)) {
        throttles.increment();
      }
    }

    void done(long startedNanos) {
      calls.increment();
      duration.record(now() - startedNanos, TimeUnit.NANOSECONDS);
    }
  }
}
