/** A tel: link target for a number as written ("18001 101" -> "tel:18001101"). */
export const telHref = (number: string) => `tel:${number.replace(/[^0-9+]/g, '')}`;
