/**
 * The wire format of `cloud.openapi.*` between wx-server-sdk and the cloud: the SDK sends a
 * protobuf `CommApiData` whose `openapiData.pairs` hold each top-level parameter as JSON bytes
 * (snake_case keys), and reads the answer as a protobuf `CommOpenApiResp`. The schemas ship inside
 * the SDK's bundle (`src/protobuf/openapi.js` in wx-server-sdk 4.0.2's index.js); the field numbers
 * below mirror that file, and test/cloud/local/openapi-codec.test.ts proves them against the real SDK.
 */
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    // cloud.getOpenData's svrkit call (ApiGetOpenDataByCloudId): the request bytes and the answer.
    SvrkitApiData: { fields: { apiName: { type: 'string', id: 1 }, reqData: { type: 'bytes', id: 2 } } },
    ApiGetOpenDataByCloudIdReq: {
      fields: { cloudidList: { rule: 'repeated', type: 'string', id: 2 }, appid: { type: 'string', id: 3 } },
    },
    OpDataItem: { fields: { cloudId: { type: 'string', id: 1 }, json: { type: 'string', id: 2 } } },
    ApiGetOpenDataByCloudIdResp: { fields: { dataList: { rule: 'repeated', type: 'OpDataItem', id: 1 } } },
    CommApiData: {
      fields: {
        // enum ApiType { OPEN_API = 0, INNER_API = 1, SVRKIT_API = 2, TOKEN_API = 3 }: same wire form as int32.
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        svrkitData: { type: 'SvrkitApiData', id: 4 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** The kind of call `cloud.openapi.*` makes. */
export const OPEN_API = 0;
/** The kind of call `cloud.getOpenData` (and the SDK's other platform helpers) makes. */
export const SVRKIT_API = 2;

const GetOpenDataReq = root.lookupType('ApiGetOpenDataByCloudIdReq');
const GetOpenDataResp = root.lookupType('ApiGetOpenDataByCloudIdResp');

export interface OpenApiRequest {
  apiType: number;
  appid: string;
  /** Each parameter as the SDK sent it (snake_case keys), its JSON parsed. */
  params: Record<string, unknown>;
  /** A svrkit call's API and request bytes (SVRKIT_API). */
  svrkit?: { apiName: string; reqData: Buffer };
}

export class CodecError extends Error {}

export function decodeRequest(bytes: Uint8Array): OpenApiRequest {
  let message: Record<string, unknown>;
  try {
    message = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true, arrays: true }) as Record<
      string,
      unknown
    >;
  } catch (e) {
    throw new CodecError(`requestData is not a CommApiData: ${e instanceof Error ? e.message : String(e)}`);
  }
  const data = (message.openapiData ?? { pairs: [] }) as { pairs: { key: string; value: Uint8Array }[] };
  const params: Record<string, unknown> = {};
  for (const { key, value } of data.pairs) {
    try {
      params[key] = JSON.parse(Buffer.from(value).toString('utf8'));
    } catch {
      throw new CodecError(`parameter ${key} is not JSON`);
    }
  }
  const svrkit = message.svrkitData as { apiName: string; reqData: Uint8Array } | undefined;
  return {
    apiType: Number(message.apiType),
    appid: String(message.appid ?? ''),
    params,
    ...(svrkit ? { svrkit: { apiName: svrkit.apiName, reqData: Buffer.from(svrkit.reqData) } } : {}),
  };
}

/** The cloud ids a getOpenData call asks to resolve. */
export function decodeOpenDataRequest(bytes: Uint8Array): string[] {
  try {
    return (GetOpenDataReq.toObject(GetOpenDataReq.decode(bytes), { arrays: true }) as { cloudidList: string[] })
      .cloudidList;
  } catch (e) {
    throw new CodecError(`reqData is not an ApiGetOpenDataByCloudIdReq: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** getOpenData's answer: each cloud id with its open data as JSON. */
export function encodeOpenDataAnswer(items: { cloudId: string; json: string }[]): Buffer {
  return Buffer.from(GetOpenDataResp.encode(GetOpenDataResp.create({ dataList: items })).finish());
}

/** The answer the SDK decodes: a body with its content type, or a platform error code. */
export interface OpenApiAnswer {
  body: Buffer;
  contentType: string;
  /** Not 0: a platform-level failure (e.g. -604100 API not found), thrown by the SDK with that code. */
  errorCode?: number;
  /** Not 0: a svrkit call failed (the SDK throws "internal svrkit error"). */
  svrkitErrorCode?: number;
}

export function encodeAnswer(answer: OpenApiAnswer): Buffer {
  const message = CommOpenApiResp.create({
    respData: answer.body,
    contentType: answer.contentType,
    errorCode: answer.errorCode ?? 0,
    httpCode: 200,
    svrkitErrorCode: answer.svrkitErrorCode ?? 0,
  });
  return Buffer.from(CommOpenApiResp.encode(message).finish());
}

/** For tests: the request bytes the SDK would send, and the answer as the SDK reads it. */
export function encodeRequest(request: OpenApiRequest): Buffer {
  const pairs = Object.entries(request.params).map(([key, v]) => ({ key, value: Buffer.from(JSON.stringify(v)) }));
  return Buffer.from(
    CommApiData.encode(
      CommApiData.create({ apiType: request.apiType, openapiData: { pairs }, appid: request.appid }),
    ).finish(),
  );
}

export function decodeAnswer(bytes: Uint8Array): OpenApiAnswer {
  const m = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    respData: Uint8Array;
    contentType: string;
    errorCode: number;
  };
  return { body: Buffer.from(m.respData), contentType: m.contentType, errorCode: m.errorCode };
}
