/**
 * Writes a JSON document in pieces: small strings are gathered into ~1 MiB chunks and handed to
 * a sink, which for a file waits for the stream to drain. The whole document never exists as
 * one string, so files larger than V8's maximum string length (~512 MiB) can be written.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ChunkSink {
  write(chunk: string): Promise<void>;
  close(): Promise<void>;
}

const CHUNK_CHARS = 1 << 20;

export class JsonChunkWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private written = 0;

  constructor(private readonly sink: ChunkSink) {}

  /** Queues text; call `flushIfFull` regularly so memory stays bounded. */
  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
  }

  async flushIfFull(): Promise<void> {
    if (this.pendingChars >= CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.written += Buffer.byteLength(chunk, 'utf8');
    await this.sink.write(chunk);
  }

  /** Flushes what is left and closes the sink. */
  async end(): Promise<void> {
    await this.flush();
    await this.sink.close();
  }

  /** Bytes handed to the sink so far (UTF-8). */
  get bytesWritten(): number {
    return this.written;
  }
}

function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    stream.on('drain', onDrain);
    stream.on('error', onError);
  });
}

/** A file sink that respects back-pressure: it waits for 'drain' when the stream's buffer is full. */
export function fileSink(path: string): ChunkSink {
  const stream: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let failure: Error | undefined;
  stream.on('error', (err) => {
    failure = err;
  });
  return {
    async write(chunk) {
      if (failure) throw failure;
      if (!stream.write(chunk)) await drained(stream);
    },
    async close() {
      if (failure) throw failure;
      stream.end();
      await once(stream, 'finish');
    },
  };
}

/** A sink that only counts: used to measure bytes per resource before sizing a plan to a byte target. */
export function countingSink(): ChunkSink {
  return {
    async write() {},
    async close() {},
  };
}
