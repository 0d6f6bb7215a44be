/** Scanning a QR code with the camera: what a scan can end in, whatever the platform. */

/** Words the scanner shows over the camera where the platform has no scanning screen of its own (H5). */
export interface ScanPrompt {
  hint: string;
  cancel: string;
}

export type ScanOutcome =
  | { kind: 'scanned'; text: string }
  /** The user closed the scanner. */
  | { kind: 'cancelled' }
  /** No camera to use: permission refused, or none there. Typing the code is the way left. */
  | { kind: 'unavailable'; reason: CameraProblem };

/** Why there is no camera to scan with: permission refused, or none there. */
export type CameraProblem = 'denied' | 'no-camera';

export interface Scanner {
  scan(prompt: ScanPrompt): Promise<ScanOutcome>;
}
