/**
 * The response formats of ES|QL (`format=json|txt|csv|tsv`). Which one a request gets is decided by
 * the HTTP layer (http/media-type.ts); the WebSocket gateway always uses JSON.
 */
export type ResponseFormat =
  | { readonly kind: 'json'; readonly contentType: string }
  | { readonly kind: 'txt'; readonly contentType: string }
  | { readonly kind: 'csv'; readonly contentType: string; readonly delimiter: string; readonly header: boolean }
  | { readonly kind: 'tsv'; readonly contentType: string };

export type FormatKind = ResponseFormat['kind'];
