/** The slice of @tarojs/taro the UI code reaches, recorded for assertions. */
export const navigateTo = jest.fn(async (_opts: { url: string }) => undefined);
export const setNavigationBarTitle = jest.fn(async (_opts: { title: string }) => undefined);
export const request = jest.fn();
export const useRouter = jest.fn(() => ({ params: {} as Record<string, string> }));

// The share image (services/share-image.weapp.ts): tests give these their behaviour.
export const env: { USER_DATA_PATH?: string } = { USER_DATA_PATH: 'wxfile://usr' };
export const createOffscreenCanvas = jest.fn();
export const canvasToTempFilePath = jest.fn();
export const getFileSystemManager = jest.fn();

// Privacy (services/privacy.weapp.ts).
export const onNeedPrivacyAuthorization = jest.fn();
export const requirePrivacyAuthorize = jest.fn();
export const openPrivacyContract = jest.fn();
export const setClipboardData = jest.fn(async (_opts: { data: string }) => undefined);

const Taro = {
  navigateTo,
  setNavigationBarTitle,
  request,
  useRouter,
  env,
  createOffscreenCanvas,
  canvasToTempFilePath,
  getFileSystemManager,
  onNeedPrivacyAuthorization,
  requirePrivacyAuthorize,
  openPrivacyContract,
  setClipboardData,
};
export default Taro;
