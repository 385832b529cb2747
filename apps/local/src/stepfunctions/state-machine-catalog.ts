import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { fillPlaceholders, placeholdersOf } from '@dofs/contracts';
import { arns } from '../aws-identity';
import type { TaskDispatcher } from './task-dispatcher';
import { StartupError } from '../startup-error';

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

export interface LocalStateMachine {
  readonly name: string;
  readonly arn: string;
  readonly definitionText: string;
  readonly machine: StateMachine;
  /** aws-local-stepfunctions wants one local handler per Task state, keyed by state name */
  readonly taskHandlers: TaskHandlers;
  readonly createdAt: Date;
}

/** Fills a `${name}` placeholder; undefined when the name means nothing locally. */
export type PlaceholderResolver = (name: string) => string | undefined;

interface StatesContainer {
  States: Record<
    string,
    { Type: string; Resource?: string; Branches?: StatesContainer[]; Iterator?: StatesContainer; ItemProcessor?: StatesContainer }
  >;
}

/** Every Task state, including those inside Parallel branches and Map iterators. */
function tasksOf(container: StatesContainer): { name: string; resource: string }[] {
  return Object.entries(container.States).flatMap(([name, state]) => [
    ...(state.Type === 'Task' && state.Resource ? [{ name, resource: state.Resource }] : []),
    ...(state.Branches ?? []).flatMap(tasksOf),
    ...(state.Iterator ? tasksOf(state.Iterator) : []),
    ...(state.ItemProcessor ? tasksOf(state.ItemProcessor) : []),
  ]);
}

/**
 * Loads each contracts/<name>.asl.json, fills its placeholders as Terraform's templatefile() does,
 * and builds it once (validation costs ~100 ms): the same definition file AWS runs.
 */
export async function loadStateMachines(
  contractsDir: string,
  resolve: PlaceholderResolver,
  dispatcher: TaskDispatcher,
): Promise<LocalStateMachine[]> {
  const files = (await readdir(contractsDir)).filter((file) => file.endsWith('.asl.json')).sort();
  const machines: LocalStateMachine[] = [];
  for (const file of files) {
    const name = file.slice(0, -'.asl.json'.length);
    const template = await readFile(path.join(contractsDir, file), 'utf8');
    const values: Record<string, string> = {};
    for (const placeholder of placeholdersOf(template)) {
      const value = resolve(placeholder);
      if (value === undefined) throw new StartupError(`contracts/${file}: no local value for the placeholder \${${placeholder}}.`);
      values[placeholder] = value;
    }
    const definitionText = fillPlaceholders(template, values);
    const definition = JSON.parse(definitionText) as StateMachineDefinition & StatesContainer;
    let machine: StateMachine;
    try {
      machine = new StateMachine(definition, { validationOptions: { checkPaths: true, checkArn: true } });
    } catch (error) {
      throw new StartupError(`contracts/${file} is not a valid state machine: ${(error as Error).message}`, { cause: error });
    }
    const taskHandlers: TaskHandlers = {};
    for (const task of tasksOf(definition)) {
      // the dispatcher's JSON type and the library's are the same shape under different names
      taskHandlers[task.name] = dispatcher.handlerFor(task.resource, task.name) as TaskHandlers[string];
    }
    machines.push({ name, arn: arns.stateMachine(name), definitionText, machine, taskHandlers, createdAt: new Date() });
  }
  return machines;
}
