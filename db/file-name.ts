/** A file name keeps to what every file system accepts (an office's name may hold spaces or a slash). */
export const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');
