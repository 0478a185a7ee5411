// What a plan or run page's button action answers when it does not go on to the next page.
export type ActionRefusal = { message: string }
