// The part of the Frictionless `datapackage` library (no published types) that the data package tests use.
declare module 'datapackage' {
  export class Resource {
    readonly name: string
    read(options?: { relations?: boolean; keyed?: boolean; cast?: boolean }): Promise<unknown[]>
  }
  export class Package {
    static load(descriptor: string | object, options?: { basePath?: string; strict?: boolean }): Promise<Package>
    readonly valid: boolean
    readonly errors: Error[]
    readonly resources: Resource[]
  }
}
