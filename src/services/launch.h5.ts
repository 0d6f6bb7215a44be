/** H5: the app opened on the home page when the address is the site root or the home route. */
export function opensOnHome(): boolean {
  if (typeof window === 'undefined') return false;
  const path = window.location.pathname.replace(/\/+$/, '');
  return path === '' || path === '/pages/home/index';
}
