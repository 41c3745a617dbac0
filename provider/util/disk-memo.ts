// A memo on disk for pure, expensive functions of large inputs. Terraform starts a new provider
// process for each phase of one command (validate, plan, apply), and each would otherwise redo the
// same work on the same profile text. Keys include the code's identity, so a new provider version
// never reads an old answer; any error just means computing again.
//
// Inputs are sensitive (manifests may hold Secret data), so nothing readable is kept: a file is
// named by a hash of its input and encrypted (AES-256-GCM) with a key derived from that same input.
// Reading a file takes the very text it was computed from, which already holds everything the file
// does. Besides, callers keep out where secrets are likeliest (documents.ts): Helm output, rendered
// from values, and parses holding a Secret. Files are 0600 in a cache folder checked private.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheDirError, privateFolder, strataCacheDir } from './cache-dir';
import { log } from './log';

let codeIdentity: string | undefined;

function identity(): string {
  if (codeIdentity === undefined) {
    const stat = statSync(__filename);
    codeIdentity = `${__filename}:${stat.size}:${stat.mtimeMs}`;
  }
  return codeIdentity;
}

/** JSON that gives back exactly the value: no undefined, functions or non-finite numbers inside. */
function faithfulJson(value: unknown): string | undefined {
  let faithful = true;
  const text = JSON.stringify(value, (_key, v) => {
    if (v === undefined || typeof v === 'function' || (typeof v === 'number' && !Number.isFinite(v))) faithful = false;
    return v;
  });
  return faithful ? text : undefined;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function seal(text: string, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The text `sealed` holds; throws when it was not sealed with `key`, or was changed since. */
function open(sealed: Buffer, key: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

let refusedWarned = false;
let legacyRemoved = false;

/** The memo's folder for `namespace`, or undefined (warned once) when the cache folder is not private. */
function memoFolder(namespace: string, name: string): string | undefined {
  try {
    const folder = privateFolder(join(strataCacheDir(), 'sealed-memo', namespace, name.slice(0, 2)));
    if (!legacyRemoved) {
      // Earlier releases kept plain JSON (Helm output included) under memo/: not to be left behind.
      legacyRemoved = true;
      rmSync(join(strataCacheDir(), 'memo'), { recursive: true, force: true });
    }
    return folder;
  } catch (error) {
    if (error instanceof CacheDirError && !refusedWarned) {
      refusedWarned = true;
      log.warn('memo on disk not used', { error: error.message });
    }
    return undefined;
  }
}

/** `keep` decides whether a value may be stored at all: values holding Secret data must not be. */
export function diskMemo<T>(namespace: string, input: string, compute: () => T, keep: (value: T) => boolean = () => true): T {
  // One pass over the (large) input; the name reveals nothing of the key.
  const secret = createHash('sha256').update(identity()).update('\0').update(input).digest();
  const key = createHash('sha256').update('key\0').update(secret).digest();
  const name = createHash('sha256').update('name\0').update(secret).digest('hex');
  const folder = memoFolder(namespace, name);
  const file = folder && join(folder, name);
  try {
    if (file) return JSON.parse(open(readFileSync(file), key)) as T;
  } catch {
    // Not there yet (or unreadable): compute.
  }
  const value = compute();
  const text = file && keep(value) ? faithfulJson(value) : undefined;
  if (file && text !== undefined) {
    try {
      writeFileSync(`${file}.${process.pid}`, seal(text, key), { mode: 0o600 });
      renameSync(`${file}.${process.pid}`, file);
    } catch {
      // A read-only cache only costs the computation next time.
    }
  }
  return value;
}
