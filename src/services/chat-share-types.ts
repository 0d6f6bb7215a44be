/**
 * The WeChat chat side of a gift's share card: declaring the card private and updatable before it is
 * shared (wx.updateShareMenu), and, on the friend's side, the proof of which chat it was opened from
 * (wx.authPrivateMessage's cloudID, which only the cloud can read).
 */
export interface ChatShare {
  /** Whether there are chat cards at all (WeChat): elsewhere a gift is shared by its link and QR code. */
  available: boolean;
  /** Makes the next share card of this page the gift's: updatable, private when `isPrivate`. */
  declareCard(card: { activityId: string; isPrivate: boolean; claimed: number; shares: number }): Promise<void>;
  /** The opened card's chat proof (a cloudID), or undefined when the page was not opened from a chat card. */
  chatProof(): Promise<string | undefined>;
}
