import ts from 'typescript'
import { join } from 'node:path'
import { entryPoints } from '../../entry-points.js'
import { repoRoot } from './packed-project.js'

/** An optional property a user can set, named `Type.property` (the declaring type, or the path to an inline one). */
export interface OptionalOption {
  name: string
  acceptsUndefined: boolean
  /** Where its type is declared: `src/…/file.ts:line`, and the type's character range in that file. */
  at: string
  type: { file: string; start: number; end: number }
}

const MAX_DEPTH = 6

/**
 * Every optional property a user can pass to payhooks, found from the public entries: the parameters of
 * every exported function and class, and of the methods of what those return (`hooks.reconcile(options)`),
 * followed into nested option objects, arrays and unions. Only types declared in src/ count: a driver's or
 * the DOM's own types are theirs. A property accepts an explicit `undefined` when its declared type
 * includes it (what `exactOptionalPropertyTypes` asks for).
 */
export function publicOptionalOptions(): OptionalOption[] {
  const sources = Object.values(entryPoints).map((file) => join(repoRoot, file))
  const config = ts.getParsedCommandLineOfConfigFile(join(repoRoot, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })
  if (config === undefined) throw new Error('tsconfig.json did not parse')
  const program = ts.createProgram(sources, config.options)
  const checker = program.getTypeChecker()
  const srcDir = join(repoRoot, 'src')
  const found = new Map<string, OptionalOption>()
  const visited = new Set<ts.Type>()
  const ours = (node: ts.Node) => node.getSourceFile().fileName.startsWith(srcDir)

  function visitInput(type: ts.Type, path: string, depth: number): void {
    if (depth > MAX_DEPTH || visited.has(type)) return
    if (type.isUnion() || type.isIntersection()) {
      for (const member of type.types) visitInput(member, path, depth)
      return
    }
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      for (const element of checker.getTypeArguments(type as ts.TypeReference)) visitInput(element, path, depth + 1)
      return
    }
    if (!(type.flags & ts.TypeFlags.Object) || type.getCallSignatures().length > 0) return
    visited.add(type)
    const owner = type.aliasSymbol?.name ?? (type.symbol?.name && !type.symbol.name.startsWith('__') ? type.symbol.name : path)
    for (const property of type.getProperties()) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0]
      if (declaration === undefined || !ours(declaration)) continue
      const name = `${owner}.${property.name}`
      if (property.flags & ts.SymbolFlags.Optional && ts.isPropertySignature(declaration) && declaration.type !== undefined) {
        const declared = checker.getTypeFromTypeNode(declaration.type)
        const takesUndefined = (candidate: ts.Type) => Boolean(candidate.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Unknown | ts.TypeFlags.Any))
        const acceptsUndefined = takesUndefined(declared) || (declared.isUnion() && declared.types.some(takesUndefined))
        const file = declaration.getSourceFile()
        const start = declaration.type.getStart(file)
        const at = `${file.fileName.slice(repoRoot.length + 1)}:${file.getLineAndCharacterOfPosition(start).line + 1}`
        found.set(name, { name, acceptsUndefined, at, type: { file: file.fileName, start, end: declaration.type.getEnd() } })
      }
      visitInput(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration)), name, depth + 1)
    }
  }

  function visitSignatures(signatures: readonly ts.Signature[], path: string, depth: number): void {
    for (const signature of signatures) {
      for (const parameter of signature.getParameters()) {
        const declaration = parameter.valueDeclaration ?? parameter.declarations?.[0]
        if (declaration !== undefined) visitInput(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(parameter, declaration)), `${path}(${parameter.name})`, 0)
      }
      // What a factory returns: its methods take options too (hooks.reconcile, hooks.records).
      if (depth === 0) {
        const returned = checker.getAwaitedType(signature.getReturnType()) ?? signature.getReturnType()
        for (const property of returned.getProperties()) {
          const declaration = property.valueDeclaration ?? property.declarations?.[0]
          if (declaration === undefined || !ours(declaration)) continue
          visitSignatures(checker.getTypeOfSymbolAtLocation(property, declaration).getCallSignatures(), `${path}().${property.name}`, depth + 1)
        }
      }
    }
  }

  for (const source of sources) {
    const file = program.getSourceFile(source)
    const moduleSymbol = file && checker.getSymbolAtLocation(file)
    if (moduleSymbol === undefined) throw new Error(`${source} is not a module`)
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      const declaration = symbol.valueDeclaration
      if (declaration === undefined) continue
      const type = checker.getTypeOfSymbolAtLocation(symbol, declaration)
      visitSignatures([...type.getCallSignatures(), ...type.getConstructSignatures()], exported.name, 0)
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name))
}
