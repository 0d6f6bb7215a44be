/**
 * Open data by cloud id, as the local cloud gives it: what the WeChat client answers some APIs with
 * (here `wx.authPrivateMessage`: `{ valid, iv, encryptedData, cloudID }`) carries a `cloudID`; a
 * function resolves it with `cloud.getOpenData({ list: [cloudID] })`, which the SDK sends as the
 * svrkit call ApiGetOpenDataByCloudId (protobuf; the field numbers are the SDK's). A cloud id is
 * issued to one user and resolves only for a function running as that user, so a client can neither
 * forge the data nor replay another user's. An unknown or foreign id makes the call fail (svrkit error).
 */
import { randomBytes } from 'node:crypto';
import { CodecError, decodeOpenDataRequest, encodeOpenDataAnswer, type OpenApiAnswer } from './codec';

/** The svrkit error for an id that does not resolve (the real code is not documented). */
const CLOUD_ID_INVALID = -1;

export class OpenData {
  private readonly issued = new Map<string, { openId: string; data: unknown }>();

  /** A cloud id for `data`, resolvable by functions running as `openId`. */
  issue(openId: string, data: unknown): string {
    const id = `local_${randomBytes(18).toString('base64url')}`;
    this.issued.set(id, { openId, data });
    return id;
  }

  /** The ApiGetOpenDataByCloudId call of a function running as `openId`. */
  resolve(reqData: Buffer, openId: string): OpenApiAnswer {
    let ids: string[];
    try {
      ids = decodeOpenDataRequest(reqData);
    } catch (e) {
      if (e instanceof CodecError) return { body: Buffer.alloc(0), contentType: '', svrkitErrorCode: CLOUD_ID_INVALID };
      throw e;
    }
    const items: { cloudId: string; json: string }[] = [];
    for (const id of ids) {
      const entry = this.issued.get(id);
      if (!entry || entry.openId !== openId || openId === '')
        return { body: Buffer.alloc(0), contentType: '', svrkitErrorCode: CLOUD_ID_INVALID };
      items.push({ cloudId: id, json: JSON.stringify({ cloudID: id, data: entry.data }) });
    }
    return { body: encodeOpenDataAnswer(items), contentType: 'application/octet-stream' };
  }
}
