/** How the UI reaches a cloud function: one call, resolving with what the function returned. */
export interface Transport {
  call(functionName: string, data: Record<string, unknown>): Promise<unknown>;
}
