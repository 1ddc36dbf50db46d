/** `database.aggregateDocuments`: the SDK's stages run through mingo, `$lookup` across collections. */
import type { TcbReply, TcbRequest } from '../../api/types';
import { invalidParam } from '../errors';
import { runPipeline } from '../query/evaluate';
import { matchingDocuments } from '../query/select';
import { decodeEjson, encodeEjson } from '../wire/ejson';
import { collectionName } from '../wire/params';
import { isPlainObject, type Doc } from '../wire/values';
import { scopeOf, type DbContext } from './context';

function pipelineOf(ctx: DbContext, stages: unknown): Doc[] {
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
  return stages.map((stage, i) => {
    if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || typeof stage.stageValue !== 'string') {
      throw invalidParam(`stages[${i}] must be { stageKey, stageValue }`);
    }
    // Objects arrive as EJSON, scalars as JSON text (`skip(0)` → "0", `unwind('$a')` → "\"$a\"").
    return { [stage.stageKey]: decodeEjson(stage.stageValue, ctx.clock, `stages[${i}].stageValue`) };
  });
}

export function aggregateDocuments(ctx: DbContext, { params }: TcbRequest): TcbReply {
  const collection = ctx.storage.catalog.require(collectionName(params));
  const { view } = scopeOf(ctx, params);
  const pipeline = pipelineOf(ctx, params.stages);
  const { aggregateDefaultLimit } = ctx.limits;
  // CloudBase returns 20 results from a pipeline that has no $limit stage (see localcloud/README.md).
  if (aggregateDefaultLimit > 0 && !pipeline.some((stage) => '$limit' in stage)) {
    pipeline.push({ $limit: aggregateDefaultLimit });
  }
  // A leading $match narrows the input through the indexes; it still runs in the pipeline.
  const first = pipeline[0];
  const match = first && isPlainObject(first.$match) ? first.$match : {};
  const input = matchingDocuments(view, collection, match).map((stored) => stored.doc);
  const resolve = (name: string): Doc[] => {
    const other = ctx.storage.catalog.find(name);
    return other ? matchingDocuments(view, other, {}).map((stored) => stored.doc) : [];
  };
  return { kind: 'json', data: { list: runPipeline(input, pipeline, resolve).map(encodeEjson) } };
}
