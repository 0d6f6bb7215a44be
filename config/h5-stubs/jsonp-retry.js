// Stands for `jsonp-retry`, which Taro.request uses only for `jsonp: true`; the app never asks for it.
export default function jsonpRetry() {
  return Promise.reject(new Error('Taro.request({ jsonp }) is not supported in this build'));
}
