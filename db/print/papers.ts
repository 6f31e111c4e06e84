import type { Paper } from '../schema';

export interface PaperSpec {
  label: string;
  width: number;
  height: number;
  /** Margins in mm: top, right, bottom, left. Pin-feed paper keeps clear of the tractor holes only. */
  margin: [number, number, number, number];
  /** Fixed table rows per page, padded with blank rows like a pre-printed form. */
  rows: number;
  fontPt: number;
  rowMm: number;
}

export const PAPERS: Record<Paper, PaperSpec> = {
  a4: { label: 'A4 纵向', width: 210, height: 297, margin: [12, 12, 12, 12], rows: 20, fontPt: 11, rowMm: 9 },
  a5: { label: 'A5 横向', width: 210, height: 148, margin: [7, 10, 6, 10], rows: 8, fontPt: 10, rowMm: 8 },
  '241x93': { label: '241×93 三等分', width: 241, height: 93, margin: [4, 13, 3, 13], rows: 6, fontPt: 9, rowMm: 5.6 },
  '241x140': { label: '241×140 二等分', width: 241, height: 140, margin: [6, 13, 5, 13], rows: 11, fontPt: 9.5, rowMm: 6.4 },
};

export const PAPER_IDS = Object.keys(PAPERS) as Paper[];

/** Microns, as Electron's webContents.print({ pageSize }) wants them. */
export function paperMicrons(paper: Paper): { width: number; height: number } {
  return { width: PAPERS[paper].width * 1000, height: PAPERS[paper].height * 1000 };
}
