/**
 * The local stand-in for the environment's COS bucket: files under `<DATA_DIR>/storage/<cloudPath>`,
 * file IDs in CloudBase's format, and the one-time upload grants that `storage.getUploadMetadata` hands
 * out for the PUT that follows it (NOTES.md §6.2).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** How long an upload URL stays valid (COS signs them for a few minutes too). */
const UPLOAD_GRANT_MS = 10 * 60_000;

/** Thrown for a cloud path that cannot name a file (empty, `..`, absolute, ...). */
export class BadCloudPath extends Error {
  constructor(cloudPath: string, why: string) {
    super(`invalid cloud path "${cloudPath}": ${why}`);
    this.name = 'BadCloudPath';
  }
}

/** A cloud path as COS takes it: `a/b/c.png`, segments neither empty nor `.`/`..`. */
export function checkCloudPath(cloudPath: string): string {
  if (typeof cloudPath !== 'string' || cloudPath === '') throw new BadCloudPath(String(cloudPath), 'empty');
  if (cloudPath.length > 850) throw new BadCloudPath(cloudPath, 'longer than 850 characters');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(cloudPath))
    throw new BadCloudPath(cloudPath, 'control character or backslash');
  for (const segment of cloudPath.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new BadCloudPath(cloudPath, 'empty, "." or ".." segment');
    }
  }
  return cloudPath;
}

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

export function contentTypeOf(cloudPath: string): string {
  return CONTENT_TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';
}

export class Bucket {
  private readonly grants = new Map<string, { cloudPath: string; expiresAt: number }>();
  /** The part of a file ID between `cloud://` and the path, as CloudBase writes it. */
  private readonly bucketId: string;

  constructor(
    private readonly root: string,
    envId: string,
  ) {
    this.bucketId = `${envId}.6c6f-${envId}-1250000000`;
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.bucketId}/${cloudPath}`;
  }

  /** The cloud path of a file ID of any environment (`cloud://<anything>/<path>`), or null. */
  pathOf(fileId: unknown): string | null {
    if (typeof fileId !== 'string') return null;
    const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
    if (!match) return null;
    try {
      return checkCloudPath(match[1]);
    } catch {
      return null;
    }
  }

  write(cloudPath: string, bytes: Buffer): void {
    const file = this.fileOf(cloudPath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }

  read(cloudPath: string): Buffer | null {
    const file = this.fileOf(cloudPath);
    return isFile(file) ? fs.readFileSync(file) : null;
  }

  exists(cloudPath: string): boolean {
    return isFile(this.fileOf(cloudPath));
  }

  remove(cloudPath: string): boolean {
    const file = this.fileOf(cloudPath);
    if (!isFile(file)) return false;
    fs.rmSync(file);
    return true;
  }

  /** A token that allows one PUT of `cloudPath` within UPLOAD_GRANT_MS. */
  grantUpload(cloudPath: string): string {
    const token = crypto.randomBytes(16).toString('hex');
    this.grants.set(token, { cloudPath: checkCloudPath(cloudPath), expiresAt: Date.now() + UPLOAD_GRANT_MS });
    return token;
  }

  /** Uses up the grant; false when the token is unknown, expired or for another path. */
  takeGrant(cloudPath: string, token: string | undefined): boolean {
    const now = Date.now();
    for (const [key, grant] of this.grants) if (grant.expiresAt < now) this.grants.delete(key);
    const grant = token ? this.grants.get(token) : undefined;
    if (!grant || grant.cloudPath !== cloudPath) return false;
    this.grants.delete(token as string);
    return true;
  }

  private fileOf(cloudPath: string): string {
    return path.join(this.root, ...checkCloudPath(cloudPath).split('/'));
  }
}

function isFile(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isFile();
}
