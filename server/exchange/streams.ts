// Text generated piece by piece as a byte stream, and as files of a zip, so a large export never sits in memory
// as one string and the HTTP response starts before the last requirement is written.
import { once } from 'node:events';
import zlib from 'node:zlib';

const BATCH_CHARS = 64 * 1024;
const encoder = new TextEncoder();

/** Strings from the generator in batches of about 64 KB, as bytes. */
function* batches(chunks: Iterable<string>): Generator<Uint8Array> {
  let text = '';
  for (const chunk of chunks) {
    text += chunk;
    if (text.length >= BATCH_CHARS) {
      yield encoder.encode(text);
      text = '';
    }
  }
  if (text) yield encoder.encode(text);
}

export function textStream(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const source = batches(chunks);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = source.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}

export interface ZipEntry {
  name: string;
  /** The whole file, or text generated piece by piece. */
  data: Uint8Array | Iterable<string>;
}

/** MS-DOS date and time, as zip headers keep them. */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

// General purpose flags: bit 3, sizes and CRC follow the data (it is streamed); bit 11, UTF-8 names.
const FLAGS = 0x0808;
const DEFLATE = 8;

/**
 * A zip written as its files are generated: each file deflated by Node's zlib (native; several times faster than
 * a JavaScript deflate on a 40 MB ReqIF), sizes and CRC in a data descriptor after the data, then the directory.
 * Zip32: files and archive under 4 GB, which an export never approaches.
 */
async function* zipChunks(entries: ZipEntry[], mtime: Date): AsyncGenerator<Uint8Array> {
  const { time, date } = dosDateTime(mtime);
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt16LE(name.length, 26);
    yield local;
    yield name;

    let crc = 0;
    let size = 0;
    let compressed = 0;
    const out: Buffer[] = [];
    const deflate = zlib.createDeflateRaw({ level: 6 });
    deflate.on('data', (c: Buffer) => out.push(c));
    const drain = function* () {
      while (out.length) {
        const c = out.shift()!;
        compressed += c.length;
        yield c;
      }
    };
    for (const chunk of entry.data instanceof Uint8Array ? [entry.data] : batches(entry.data)) {
      crc = zlib.crc32(chunk, crc);
      size += chunk.length;
      if (!deflate.write(chunk)) await once(deflate, 'drain');
      yield* drain();
    }
    deflate.end();
    await once(deflate, 'end');
    yield* drain();

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAGS, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressed, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += local.length + name.length + compressed + descriptor.length;
  }
  const directorySize = directory.reduce((n, b) => n + b.length, 0);
  yield* directory;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  yield end;
}

export function zipStream(entries: ZipEntry[], mtime: Date): ReadableStream<Uint8Array> {
  const source = zipChunks(entries, mtime);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
