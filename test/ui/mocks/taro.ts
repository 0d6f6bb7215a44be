/** The slice of @tarojs/taro the UI code reaches, recorded for assertions. */
export const navigateTo = jest.fn(async (_opts: { url: string }) => undefined);
export const setNavigationBarTitle = jest.fn(async (_opts: { title: string }) => undefined);
export const request = jest.fn();
export const useRouter = jest.fn(() => ({ params: {} as Record<string, string> }));

const Taro = { navigateTo, setNavigationBarTitle, request, useRouter };
export default Taro;
