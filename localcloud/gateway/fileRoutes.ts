/**
 * `/files/<cloudPath>`: the local bucket over HTTP. PUT is the upload that `storage.getUploadMetadata`
 * granted (the SDK sends the grant as `x-cos-security-token`); GET serves the temporary URLs of
 * `batchGetDownloadUrl` – and any file to anyone on this machine, like a public-read bucket.
 * Failures answer COS-style XML, which is what the SDK parses on an upload (NOTES.md §6.2).
 *
 * `POST /dev/upload` is the mini program's upload in local mode (services/storage): what `wx.uploadFile`
 * sends – multipart with the file in `file` and the wanted `cloudPath` – stored in the bucket, answered
 * `{ fileID }` as `wx.cloud.uploadFile` would. Only images: the functions accept nothing else anyway.
 */
import type { ServerResponse } from 'node:http';
import { type Bucket, checkCloudPath, contentTypeOf } from '../platform/storage/bucket';
import { readBody as readParts } from '../api/body';
import { HttpError, readBody, sendJson } from './http';
import type { Route } from './routes';

/** PNG, JPEG, GIF or WebP by the first bytes (what the functions' own check accepts). */
function isImage(bytes: Buffer): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  return (
    starts(0x89, 0x50, 0x4e, 0x47) ||
    starts(0xff, 0xd8, 0xff) ||
    starts(0x47, 0x49, 0x46, 0x38) ||
    (starts(0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
  );
}

function cosError(res: ServerResponse, status: number, code: string, message: string): void {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>localcloud</RequestId><TraceId>localcloud</TraceId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(xml);
}

/** The cloud path of a /files/ URL path: percent-decoded (uploads encode `/` as %2F), then checked. */
function cloudPathOf(encoded: string): string | null {
  try {
    return checkCloudPath(decodeURIComponent(encoded));
  } catch {
    return null;
  }
}

export function fileRoutes(bucket: Bucket, maxUploadBytes: number): Route[] {
  return [
    {
      methods: ['POST'],
      path: /^\/dev\/upload$/,
      async handle(req, res) {
        const { params, files } = await readParts(req, maxUploadBytes).catch((error: Error) => {
          throw new HttpError(400, 'VALIDATION', 'BAD_UPLOAD', error.message);
        });
        const cloudPath =
          typeof params.cloudPath === 'string' ? cloudPathOf(encodeURIComponent(params.cloudPath)) : null;
        if (!cloudPath) {
          throw new HttpError(400, 'VALIDATION', 'BAD_UPLOAD', 'cloudPath is missing or not a valid path');
        }
        const bytes = files.file;
        if (!bytes || !isImage(bytes)) {
          throw new HttpError(
            400,
            'VALIDATION',
            'BAD_UPLOAD',
            'the part `file` must be a PNG, JPEG, GIF or WebP image',
          );
        }
        bucket.write(cloudPath, bytes);
        sendJson(res, 200, { fileID: bucket.fileId(cloudPath) });
      },
    },
    {
      methods: ['GET', 'HEAD'],
      path: /^\/files\/(.+)$/,
      handle(req, res, [encoded]) {
        req.resume();
        const cloudPath = cloudPathOf(encoded);
        const bytes = cloudPath ? bucket.read(cloudPath) : null;
        if (!cloudPath || !bytes) {
          cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
          return;
        }
        res.writeHead(200, { 'content-type': contentTypeOf(cloudPath), 'content-length': bytes.length });
        res.end(req.method === 'HEAD' ? undefined : bytes);
      },
    },
    {
      methods: ['PUT'],
      path: /^\/files\/(.+)$/,
      async handle(req, res, [encoded]) {
        const cloudPath = cloudPathOf(encoded);
        const token = req.headers['x-cos-security-token'];
        const bytes = await readBody(req, maxUploadBytes);
        if (!cloudPath || !bucket.takeGrant(cloudPath, typeof token === 'string' ? token : undefined)) {
          cosError(
            res,
            403,
            'AccessDenied',
            'No upload was granted for this path (storage.getUploadMetadata).',
          );
          return;
        }
        bucket.write(cloudPath, bytes);
        res.writeHead(200, { etag: `"${bytes.length}"` });
        res.end();
      },
    },
  ];
}
