package io.dnsfailover.engine.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A document rendered at most once at a time: a request that arrives while a render runs waits for
 * that render and gets its bytes, instead of starting another. So a burst of requests (two hundred
 * scrapes at once) costs about one render of CPU and one copy in memory, and what each request gets
 * was rendered after it arrived or while it was waiting, never earlier: nothing is cached beyond
 * the render in flight.
 */
final class SharedRender {

  /** Writes the document. */
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private final Writer writer;
  private final Object lock = new Object();
  private CompletableFuture<byte[]> running; // guarded by lock

  SharedRender(Writer writer) {
    this.writer = writer;
  }

  /** The document, from the render in flight or a new one. */
  byte[] get() {
    CompletableFuture<byte[]> render;
    boolean mine = false;
    synchronized (lock) {
      if (running == null) {
        running = new CompletableFuture<>();
        mine = true;
      }
      render = running;
    }
    if (mine) {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        writer.write(out);
        render.complete(out.toByteArray());
      } catch (IOException | RuntimeException e) {
        render.completeExceptionally(e);
      } catch (Error e) {
        render.completeExceptionally(e); // the waiters fail too, then the error goes on
        throw e;
      } finally {
        synchronized (lock) {
          running = null;
        }
      }
    }
    try {
      return render.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }
}
