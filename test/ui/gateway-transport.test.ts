/**
 * The gateway transport (H5, and the mini-program without a cloud env): a function's answer passes
 * through, and the gateway's own refusals become the stable codes the UI knows.
 */
import Taro from '@tarojs/taro';
import { ApiError } from '../../src/services/api-error';
import { createGatewayTransport } from '../../src/services/gateway-transport';

const request = Taro.request as unknown as jest.Mock;
const transport = createGatewayTransport('http://gw', () => 'tok');

beforeEach(() => request.mockReset());

test('should pass a function’s answer through, refusals included', async () => {
  const refusal = { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'nested too deep' } };
  request.mockResolvedValue({ statusCode: 200, data: { result: refusal } });
  await expect(transport.call('wallet', { action: 'list' })).resolves.toEqual(refusal);
  expect(request).toHaveBeenCalledWith(
    expect.objectContaining({
      url: 'http://gw/api/functions/wallet',
      header: expect.objectContaining({ Authorization: 'Bearer tok' }),
    }),
  );
});

test('should turn a 503 (too many calls in flight, or a full queue) into RATE_LIMITED, not INTERNAL', async () => {
  request.mockResolvedValue({
    statusCode: 503,
    header: { 'Retry-After': '1' },
    data: { error: { code: 'TOO_MANY_CALLS', message: 'too many calls in flight from this caller' } },
  });
  const e = (await transport.call('wallet', {}).catch((x: unknown) => x)) as ApiError;
  expect(e).toBeInstanceOf(ApiError);
  expect(e.code).toBe('RATE_LIMITED');
});

test('should turn a 401 into UNAUTHENTICATED and any other failure into INTERNAL', async () => {
  request.mockResolvedValueOnce({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: 'x' } } });
  await expect(transport.call('wallet', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  request.mockResolvedValueOnce({ statusCode: 502, data: { error: { code: 'FUNCTION_FAILED', message: 'x' } } });
  await expect(transport.call('wallet', {})).rejects.toMatchObject({ code: 'INTERNAL' });
});
