// A minimal zip writer with no safety checks, for hostile test archives: any entry name
// (paths, control characters, duplicates), any Unix mode (symbolic links), and a declared
// size that may lie about the data. Zip libraries refuse to write most of these.
import zlib from 'node:zlib'

export type RawZipEntry = {
  name: string | Buffer
  data: Buffer
  /** Unix mode stored in the external attributes (0o120777 marks a symbolic link). */
  mode?: number
  /** Deflate the data (default) or store it as is. */
  deflate?: boolean
  /** The uncompressed size written into the headers, when it should lie. */
  declaredSize?: number
  /** Replaces the compressed bytes (corrupt data with an intact directory). */
  corrupt?: (compressed: Buffer) => Buffer
}

const DOS_TIME = 0 // 00:00:00
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1 // 2025-01-01
const UTF8_NAMES = 0x800

export function rawZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name) : e.name
    const deflate = e.deflate ?? true
    let body = deflate ? zlib.deflateRawSync(e.data, { level: 9 }) : e.data
    if (e.corrupt) body = e.corrupt(body)
    const crc = zlib.crc32(e.data) >>> 0
    const size = e.declaredSize ?? e.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(UTF8_NAMES, 6)
    local.writeUInt16LE(deflate ? 8 : 0, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4) // made by Unix, so the mode is read from the attributes
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(UTF8_NAMES, 8)
    central.writeUInt16LE(deflate ? 8 : 0, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8)
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
