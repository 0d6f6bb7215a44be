/**
 * H5: the picked image (a blob URL from the file chooser) drawn centred and cropped into a 132 px
 * square on a canvas, exported as JPEG — a few kilobytes, well within the profile's byte cap.
 */
import { AVATAR_PX, type AvatarImage } from './avatar-image-types';

export const avatarImage: AvatarImage = (picked) =>
  new Promise((resolve, reject) => {
    const img = new window.Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = AVATAR_PX;
      canvas.height = AVATAR_PX;
      const ctx = canvas.getContext('2d');
      if (!ctx) return reject(new Error('no canvas'));
      const side = Math.min(img.naturalWidth, img.naturalHeight);
      const sx = (img.naturalWidth - side) / 2;
      const sy = (img.naturalHeight - side) / 2;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, AVATAR_PX, AVATAR_PX);
      ctx.drawImage(img, sx, sy, side, side, 0, 0, AVATAR_PX, AVATAR_PX);
      resolve(canvas.toDataURL('image/jpeg', 0.85));
    };
    img.onerror = () => reject(new Error('not an image'));
    img.src = picked;
  });
