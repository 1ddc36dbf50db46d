/**
 * The part of @cloudbase/manager-node the set-up uses – and nothing else, so that a recorded fake
 * (tests/unit/cloud-setup.test.ts) can stand in for it. `new CloudBase(...)` satisfies this interface
 * (checked where it is created, scripts/cloud/index.ts), so a change of the SDK's signatures breaks the
 * typecheck, not a merchant's deployment.
 */
export interface CloudIndexKey {
  Name?: string;
  Direction?: string | number;
}

export interface CloudCreateIndex {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
}

export interface CloudTrigger {
  name: string;
  type: string;
  config: string;
}

export interface CloudFunctionConfig {
  name: string;
  timeout?: number;
  memorySize?: number;
  runtime?: string;
  handler?: string;
  installDependency?: boolean;
  envVariables?: Record<string, string>;
  triggers?: CloudTrigger[];
}

export interface CloudSurface {
  database: {
    listCollections(options?: { MgoLimit?: number; MgoOffset?: number }): Promise<{
      Collections: { CollectionName: string }[];
      Pager: { Total: number };
    }>;
    describeCollection(name: string): Promise<{
      Indexes?: { Name: string; Keys: CloudIndexKey[]; Unique: boolean }[];
    }>;
    createCollection(name: string): Promise<unknown>;
    updateCollection(
      name: string,
      info: { CreateIndexes?: CloudCreateIndex[]; DropIndexes?: { IndexName: string }[] },
    ): Promise<unknown>;
  };
  /**
   * CloudBase API actions without a typed wrapper, called through the SDK: the collections' permission
   * (DescribeDatabaseACL / ModifyDatabaseACL, the way docs.cloudbase.net/api-reference/manager/node/rule
   * documents; manager-node's own permission.*ResourcePermission is marked deprecated).
   */
  commonService(): {
    call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown>;
  };
  access: {
    getAccessList(options?: { name?: string; path?: string; limit?: number; offset?: number }): Promise<{
      APISet: { Path: string; Name: string }[];
      Total: number;
    }>;
    createAccess(options: { path: string; name: string; auth?: boolean }): Promise<unknown>;
    getDomainList(): Promise<{ DefaultDomain: string }>;
  };
  functions: {
    getFunctionList(
      limit?: number,
      offset?: number,
    ): Promise<{
      Functions: Record<string, string>[];
      TotalCount: number;
    }>;
    getFunctionDetail(name: string): Promise<{
      Timeout: number;
      MemorySize: number;
      Runtime: string;
      Environment?: { Variables?: { Key: string; Value: string }[] };
      Triggers?: { TriggerName: string; Type: string; TriggerDesc: string }[];
    }>;
    createFunction(param: {
      func: CloudFunctionConfig;
      functionRootPath: string;
      force: boolean;
    }): Promise<unknown>;
    updateFunctionCode(param: { func: CloudFunctionConfig; functionRootPath: string }): Promise<unknown>;
    updateFunctionConfig(func: CloudFunctionConfig): Promise<unknown>;
    createFunctionTriggers(name: string, triggers: CloudTrigger[]): Promise<unknown>;
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>;
  };
}
