/** Handing a text file (a CSV export, a batch of card numbers) to the person, however the platform can. */
export type SavedHow = 'downloaded' | 'shared' | 'copied';

export type SaveTextFile = (name: string, text: string) => Promise<SavedHow>;
