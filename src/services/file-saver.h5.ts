/** H5: the browser downloads the file (a Blob behind a temporary link). */
import type { SaveTextFile } from './file-saver-types';

export const saveTextFile: SaveTextFile = async (name, text) => {
  const url = URL.createObjectURL(new Blob([text], { type: name.endsWith('.csv') ? 'text/csv' : 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own copy by now; the URL only holds memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return 'downloaded';
};
