import { createHash } from 'node:crypto';

/**
 * The PDF standard security handler, revision 3 (RC4, 128-bit key), as ISO 32000-1 §7.6.3
 * describes it: algorithms 2 (file key), 3 (/O), 5 (/U) and 1 (per-object keys). Enough to
 * write a real encrypted file by hand (pdf-lib cannot encrypt). OpenSSL 3 no longer ships RC4
 * by default, so the cipher is written out here.
 */

/** ISO 32000-1 §7.6.3.3, algorithm 2 step a: the 32-byte padding string. */
const PADDING = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e,
  0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);
const KEY_BYTES = 16;

export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    const t = s[i] ?? 0;
    s[i] = s[j] ?? 0;
    s[j] = t;
  }
  const out = new Uint8Array(data.length);
  let a = 0;
  let b = 0;
  for (let k = 0; k < data.length; k++) {
    a = (a + 1) & 0xff;
    b = (b + (s[a] ?? 0)) & 0xff;
    const t = s[a] ?? 0;
    s[a] = s[b] ?? 0;
    s[b] = t;
    out[k] = (data[k] ?? 0) ^ (s[((s[a] ?? 0) + (s[b] ?? 0)) & 0xff] ?? 0);
  }
  return out;
}

function md5(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

function padPassword(password: string): Uint8Array {
  const pw = new TextEncoder().encode(password).slice(0, 32);
  const out = new Uint8Array(32);
  out.set(pw);
  out.set(PADDING.slice(0, 32 - pw.length), pw.length);
  return out;
}

/** Algorithm 3, revision 3: the /O entry. */
function ownerEntry(ownerPassword: string, userPassword: string): Uint8Array {
  let hash = md5(padPassword(ownerPassword));
  for (let i = 0; i < 50; i++) hash = md5(hash);
  const key = hash.slice(0, KEY_BYTES);
  let out = rc4(key, padPassword(userPassword));
  for (let i = 1; i <= 19; i++)
    out = rc4(
      key.map((b) => b ^ i),
      out,
    );
  return out;
}

/** Algorithm 2: the file encryption key. */
function fileKey(userPassword: string, o: Uint8Array, permissions: number, id: Uint8Array): Uint8Array {
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, permissions, true);
  let hash = md5(padPassword(userPassword), o, p, id);
  for (let i = 0; i < 50; i++) hash = md5(hash.slice(0, KEY_BYTES));
  return hash.slice(0, KEY_BYTES);
}

/** Algorithm 5: the /U entry (16 meaningful bytes, then 16 arbitrary ones). */
function userEntry(key: Uint8Array, id: Uint8Array): Uint8Array {
  let out = rc4(key, md5(PADDING, id));
  for (let i = 1; i <= 19; i++)
    out = rc4(
      key.map((b) => b ^ i),
      out,
    );
  const u = new Uint8Array(32);
  u.set(out);
  return u;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export type StandardSecurity = {
  /** The /Encrypt dictionary to write as an indirect object. */
  dictionary: string;
  /** The first element of the trailer /ID (the key depends on it). */
  idHex: string;
  /** Encrypts a string or stream belonging to object `num` (generation 0), algorithm 1. */
  encrypt(num: number, data: Uint8Array): Uint8Array;
};

/**
 * Sets up RC4-128 encryption. An empty `userPassword` gives a file anyone can open (only the
 * owner password restricts permissions); a non-empty one makes readers ask for it.
 */
export function standardSecurity(opts: {
  userPassword: string;
  ownerPassword: string;
  /** The /ID bytes; fixed so the corpus is reproducible. */
  id: Uint8Array;
  /** /P: bit 3 print, 5 copy… default: everything allowed except modifying (-1044 is common). */
  permissions?: number;
}): StandardSecurity {
  const permissions = opts.permissions ?? -1044;
  const o = ownerEntry(opts.ownerPassword, opts.userPassword);
  const key = fileKey(opts.userPassword, o, permissions, opts.id);
  const u = userEntry(key, opts.id);
  return {
    dictionary: `<< /Filter /Standard /V 2 /R 3 /Length 128 /O <${hex(o)}> /U <${hex(u)}> /P ${permissions} >>`,
    idHex: hex(opts.id),
    encrypt: (num, data) => {
      const salt = Uint8Array.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0]);
      const objectKey = md5(key, salt).slice(0, Math.min(KEY_BYTES + 5, 16));
      return rc4(objectKey, data);
    },
  };
}
