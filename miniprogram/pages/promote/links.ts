/** The distributor subpackage's pages the center links to (only pages that exist). */
export const DISTRIBUTOR_LINKS: { title: string; url: string }[] = [];
