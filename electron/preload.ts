import { contextBridge, ipcRenderer } from 'electron';

/** The renderer's only door: one function that calls one API method. No raw ipcRenderer. */
contextBridge.exposeInMainWorld('ledger', {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('ledger:call', String(method), input),
});
