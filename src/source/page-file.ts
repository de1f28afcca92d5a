/** The page's address without its hash: the file chapters written in HTML are in. */
export const pageFile = (): string => location.href.replace(/#.*$/, '');
