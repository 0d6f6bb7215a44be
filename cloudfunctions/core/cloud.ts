/**
 * The one place a function touches `wx-server-sdk`: initialises it for the environment the function
 * runs in (the real cloud, or the local cloud through the same SDK) and hands out the database.
 */
import * as cloud from 'wx-server-sdk';

let initialised = false;

function ensureInit(): void {
  if (initialised) return;
  // DYNAMIC_CURRENT_ENV (a symbol) means "the env this function runs in"; the typings only admit strings.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  initialised = true;
}

export type Database = ReturnType<typeof cloud.database>;

let database: Database | undefined;

/** The cloud database of the current environment. */
export function getDatabase(): Database {
  ensureInit();
  database ??= cloud.database();
  return database;
}

/** The caller as the platform states it: never taken from the request body. */
export interface CallerContext {
  openId: string;
  appId: string;
  source: string;
  /** The caller's address as the platform saw it ('' when it gives none, e.g. timers). */
  clientIp: string;
}

export function getCaller(): CallerContext {
  ensureInit();
  const ctx = cloud.getWXContext() as unknown as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { openId: str(ctx.OPENID), appId: str(ctx.APPID), source: str(ctx.SOURCE), clientIp: str(ctx.CLIENTIP) };
}

/** The documents of a query result: the SDK's typings admit callback-style results; awaited queries always carry `data`. */
export function rows<T>(res: unknown): T[] {
  return (res as { data: T[] }).data;
}

/** How many documents a `where(…).update()` changed: what a conditional update answers (0 or 1 for one id). */
export function updatedCount(res: unknown): number {
  return (res as { stats?: { updated?: number } }).stats?.updated ?? 0;
}

/** WeChat Pay for cloud development (`cloud.cloudPay`) of the current environment. */
export function cloudPay(): unknown {
  ensureInit();
  return (cloud as unknown as { cloudPay: unknown }).cloudPay;
}

/** One open API (`cloud.openapi.<group>`), through the SDK initialised for this environment. */
export function openApi<T>(group: string): T {
  ensureInit();
  return (cloud as unknown as { openapi: Record<string, T> }).openapi[group]!;
}

/** `cloud.getOpenData`: what the platform resolves the client's cloud ids to (`{ list: [{ cloudID, data }] }`). */
export async function openData(cloudIds: string[]): Promise<{ cloudID: string; data: unknown }[]> {
  ensureInit();
  const res = await (
    cloud as unknown as {
      getOpenData(o: { list: string[] }): Promise<{ list: { cloudID: string; data: unknown }[] }>;
    }
  ).getOpenData({ list: cloudIds });
  return res.list;
}

/**
 * Stores `content` at `cloudPath` in the environment's cloud storage (`cloud.uploadFile`) and
 * answers the file's link (`cloud.getTempFileURL`): a public-read file's link never expires, so it
 * is asked for once and kept.
 */
export async function storeFile(cloudPath: string, content: Buffer): Promise<{ fileID: string; url: string }> {
  ensureInit();
  // The typings admit callback-style results; awaited calls always answer.
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: content })) as { fileID: string };
  const links = (await cloud.getTempFileURL({ fileList: [fileID] })) as {
    fileList: { tempFileURL: string; status: number; errMsg: string }[];
  };
  const link = links.fileList[0];
  if (!link || link.status !== 0 || !link.tempFileURL)
    throw new Error(`no link for ${fileID}: ${link?.errMsg ?? 'none'}`);
  return { fileID, url: link.tempFileURL };
}

export { cloud };
