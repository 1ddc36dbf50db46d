/**
 * The storage actions of the CloudBase API (NOTES.md §6.2): upload metadata for the PUT that follows,
 * temporary download URLs, and deletes. URLs point at the gateway's `/files/` routes.
 */
import { TcbError, type TcbRegistry, type TcbReply, type TcbRequest } from '../../api/types';
import { BadCloudPath, type Bucket, checkCloudPath } from './bucket';

export interface StorageDeps {
  bucket: Bucket;
  /** `http://127.0.0.1:<port>`: where functions and the mini program reach the gateway. */
  publicUrl: () => string;
}

/** The gateway path prefix that serves and receives files. */
export const FILES_PREFIX = '/files/';

/** Default lifetime of a temporary URL when the caller asks for none (CloudBase's default: 1 day). */
const DEFAULT_MAX_AGE_S = 86_400;

function getUploadMetadata(deps: StorageDeps, request: TcbRequest): TcbReply {
  let cloudPath: string;
  try {
    cloudPath = checkCloudPath(request.params.path as string);
  } catch (e) {
    if (e instanceof BadCloudPath) throw new TcbError('INVALID_PARAM', e.message);
    throw e;
  }
  const token = deps.bucket.grantUpload(cloudPath);
  return {
    kind: 'json',
    data: {
      // The SDK PUTs to `url` as it is: it must be percent-encoded (NOTES.md §6.2).
      url: `${deps.publicUrl()}${FILES_PREFIX}${encodeURIComponent(cloudPath)}`,
      token,
      authorization: `q-sign-algorithm=sha1&localcloud=${token}`,
      fileId: deps.bucket.fileId(cloudPath),
      cosFileId: `localcloud-${token}`,
    },
  };
}

interface DownloadRequest {
  fileid?: unknown;
  max_age?: unknown;
}

function batchGetDownloadUrl(deps: StorageDeps, request: TcbRequest): TcbReply {
  const list = request.params.file_list;
  if (!Array.isArray(list)) throw new TcbError('INVALID_PARAM', 'file_list must be an array');
  const now = Math.floor(Date.now() / 1000);
  const downloadList = (list as DownloadRequest[]).map((item) => {
    const cloudPath = deps.bucket.pathOf(item?.fileid);
    if (!cloudPath || !deps.bucket.exists(cloudPath)) {
      return {
        fileID: item?.fileid,
        tempFileURL: '',
        code: 'STORAGE_FILE_NONEXIST',
        message: 'storage file not exist',
      };
    }
    const maxAge = typeof item.max_age === 'number' ? item.max_age : DEFAULT_MAX_AGE_S;
    return {
      fileID: item.fileid,
      // Not percent-encoded: the SDK runs encodeURI on it before a download (NOTES.md §6.2). The query only looks
      // like COS's: the local bucket serves every file to anyone on this machine.
      tempFileURL: `${deps.publicUrl()}${FILES_PREFIX}${cloudPath}?sign=localcloud&t=${now + maxAge}`,
      maxAge,
      code: 'SUCCESS',
    };
  });
  return { kind: 'json', data: { download_list: downloadList } };
}

function batchDeleteFile(deps: StorageDeps, request: TcbRequest): TcbReply {
  const list = request.params.fileid_list;
  if (!Array.isArray(list)) throw new TcbError('INVALID_PARAM', 'fileid_list must be an array');
  const deleteList = list.map((fileId: unknown) => {
    const cloudPath = deps.bucket.pathOf(fileId);
    if (cloudPath && deps.bucket.remove(cloudPath)) return { fileID: fileId, code: 'SUCCESS' };
    return { fileID: fileId, code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exist' };
  });
  return { kind: 'json', data: { delete_list: deleteList } };
}

export function registerStorage(registry: TcbRegistry, deps: StorageDeps): void {
  registry.register('storage.getUploadMetadata', (request) => getUploadMetadata(deps, request));
  registry.register('storage.batchGetDownloadUrl', (request) => batchGetDownloadUrl(deps, request));
  registry.register('storage.batchDeleteFile', (request) => batchDeleteFile(deps, request));
}
