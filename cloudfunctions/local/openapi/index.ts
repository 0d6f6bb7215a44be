/**
 * The open APIs (`cloud.openapi.*`) of the local cloud, reached through the real wx-server-sdk: the
 * admin endpoint hands each `wx.openApi` call here; it is decoded (codec.ts), dispatched by API
 * name to the API's own file, and answered in WeChat's shape. An API not provided here is answered
 * as the cloud answers an unknown API (-604100) and logged, so a function using one fails loudly
 * instead of passing locally and failing in production.
 */
import type { WireApi } from '../gateway/admin-api';
import type { Invoker } from '../runtime/runtime';
import type { Outbox } from '../outbox';
import { CodecError, decodeRequest, encodeAnswer, OPEN_API, SVRKIT_API, type OpenApiAnswer } from './codec';
import type { OpenData } from './open-data';
import type { UpdatableMessages } from './updatable-message';
import { sendSubscribeMessage, type SubscribeTemplate } from './subscribe-message';
import type { Subscriptions } from './subscriptions';
import { getUnlimited } from './wxacode';
import { wxError } from './answers';

/** The cloud's "API not found" (wx-server-sdk's WX_FUNCTIONS_SERVER_OPENAPI_NOT_FOUND). */
export const API_NOT_FOUND = -604100;
/** The cloud's "function has no permission to call this API" (WX_FUNCTIONS_SERVER_OPENAPI_NO_PERMISSION). */
export const NO_PERMISSION = -604101;

export interface OpenApiDeps {
  templates: ReadonlyMap<string, SubscribeTemplate>;
  subscriptions: Subscriptions;
  outbox: Outbox;
  /** The app's pages (`pages/home/index`…), for the APIs that name one. */
  pages: () => ReadonlySet<string>;
  /** The open APIs a function's config.json grants it. */
  permissions: (fn: string) => ReadonlySet<string>;
  updatable: UpdatableMessages;
  openData: OpenData;
}

/** cloud.getOpenData's svrkit API: not an open API, so no config.json grant is needed. */
const GET_OPEN_DATA = 'ApiGetOpenDataByCloudId';

type Handler = (params: Record<string, unknown>) => OpenApiAnswer | Promise<OpenApiAnswer>;

export class LocalOpenApi implements WireApi {
  private readonly apis: ReadonlyMap<string, Handler>;
  private readonly permissions: OpenApiDeps['permissions'];
  private readonly openData: OpenData;

  constructor(deps: OpenApiDeps) {
    this.permissions = deps.permissions;
    this.openData = deps.openData;
    this.apis = new Map<string, Handler>([
      ['subscribeMessage.send', (p) => sendSubscribeMessage(deps, p)],
      ['wxacode.getUnlimited', (p) => getUnlimited(p, deps.pages)],
      ['updatableMessage.createActivityId', (p) => deps.updatable.create(p)],
      ['updatableMessage.setUpdatableMsg', (p) => deps.updatable.set(p)],
    ]);
  }

  async handle(apiName: string, requestData: Buffer, _options?: Buffer, caller?: Invoker): Promise<Buffer> {
    if (apiName === GET_OPEN_DATA) return encodeAnswer(this.getOpenData(requestData, caller));
    // A function's call is checked against its config.json (a test's own SDK is not a function).
    const fn = caller?.functionName;
    if (fn && !this.permissions(fn).has(apiName)) {
      console.error(
        `[openapi] ${fn} called ${apiName} without it in config.json permissions.openapi (${NO_PERMISSION})`,
      );
      return encodeAnswer({ body: Buffer.alloc(0), contentType: '', errorCode: NO_PERMISSION });
    }
    const api = this.apis.get(apiName);
    if (!api) {
      console.error(
        `[openapi] ${apiName} is not provided by the local cloud: answered "API not found" (${API_NOT_FOUND})`,
      );
      return encodeAnswer({ body: Buffer.alloc(0), contentType: '', errorCode: API_NOT_FOUND });
    }
    let params: Record<string, unknown>;
    try {
      const request = decodeRequest(requestData);
      if (request.apiType !== OPEN_API) return encodeAnswer(wxError(40097, `invalid args: apiType ${request.apiType}`));
      params = request.params;
    } catch (e) {
      if (e instanceof CodecError) return encodeAnswer(wxError(40097, `invalid args: ${e.message}`));
      throw e;
    }
    return encodeAnswer(await api(params));
  }

  /** cloud.getOpenData: the cloud ids of the user the calling function runs as. */
  private getOpenData(requestData: Buffer, caller?: Invoker): OpenApiAnswer {
    try {
      const request = decodeRequest(requestData);
      if (request.apiType !== SVRKIT_API || request.svrkit?.apiName !== GET_OPEN_DATA)
        return { body: Buffer.alloc(0), contentType: '', svrkitErrorCode: -1 };
      return this.openData.resolve(request.svrkit.reqData, caller?.openId ?? '');
    } catch (e) {
      if (e instanceof CodecError) return { body: Buffer.alloc(0), contentType: '', svrkitErrorCode: -1 };
      throw e;
    }
  }
}
