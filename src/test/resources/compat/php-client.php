<?php
// A merchant's PHP integration, as the compatibility suite runs it (issue 6).
//
//   php php-client.php wsdl|nowsdl NODE_URL FACTS_JSON_FILE
//
// "wsdl" builds SoapClient from NODE_URL?wsdl; "nowsdl" uses SoapClient(null, location + uri
// ns1). FACTS_JSON_FILE holds tasks the Java test prepared through the engine. Every operation
// the WSDL declares must have checks here; one served but not exercised fails the run. Prints
// one line per check ("ok ..." or "FAIL ...") and exits 1 on any failure.

declare(strict_types=1);
error_reporting(E_ALL);

if ($argc !== 4 || !in_array($argv[1], ['wsdl', 'nowsdl'], true)) {
    fwrite(STDERR, "usage: php php-client.php wsdl|nowsdl NODE_URL FACTS_JSON_FILE\n");
    exit(2);
}
[, $mode, $url, $factsFile] = $argv;
$facts = json_decode(file_get_contents($factsFile), false, 16, JSON_THROW_ON_ERROR);
$failures = 0;

function check(string $name, bool $passed, string $detail = ''): void
{
    global $failures;
    if ($passed) {
        echo "ok   $name\n";
    } else {
        $failures++;
        echo "FAIL $name" . ($detail === '' ? '' : ": $detail") . "\n";
    }
}

function show($value): string
{
    return str_replace("\n", ' ', var_export($value, true));
}

/**
 * The operation names the node's WSDL declares, read from its portType. A regular expression,
 * because php-soap works without the DOM extension (php-xml) and so does this script.
 */
function wsdlOperations(string $wsdl): array
{
    if (preg_match('#<(?:wsdl:)?portType\b.*?</(?:wsdl:)?portType>#s', $wsdl, $portType) !== 1) {
        throw new RuntimeException('the WSDL has no portType');
    }
    preg_match_all('#<(?:wsdl:)?operation\s+name="([^"]+)"#', $portType[0], $names);
    return $names[1];
}

/**
 * The same WSDL with one more operation, as a client generated from a newer node would have
 * it: the call reaches this node, which must answer with a SOAP Fault.
 */
function newerWsdl(string $wsdl, string $operation): string
{
    $message = "<message name=\"{$operation}Request\"/>"
        . "<message name=\"{$operation}Response\"><part name=\"return\" type=\"xsd:string\"/>"
        . '</message>';
    $portOp = "<operation name=\"$operation\"><input message=\"tns:{$operation}Request\"/>"
        . "<output message=\"tns:{$operation}Response\"/></operation>";
    $body = '<soap:body use="encoded" namespace="ns1" '
        . 'encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>';
    $bindingOp = "<operation name=\"$operation\"><soap:operation soapAction=\"\"/>"
        . "<input>$body</input><output>$body</output></operation>";
    $wsdl = preg_replace('#<portType[^>]*>#', "$message\$0$portOp", $wsdl, 1);
    return preg_replace('#<soap:binding [^>]*/>#', "\$0$bindingOp", $wsdl, 1);
}

/** The items of a list (repeated <item>) as a PHP array, whatever the decoder made of it. */
function items($list): array
{
    if (!is_object($list) || !isset($list->item)) {
        return [];
    }
    return is_array($list->item) ? $list->item : [$list->item];
}

/** Checks an integer field: an int in WSDL mode; in non-WSDL mode whatever arrives, noted. */
function checkInt(string $name, $value, int $expected): void
{
    global $mode;
    if ($mode === 'wsdl') {
        check("$name is the integer $expected", $value === $expected, show($value));
        return;
    }
    echo "note $name arrives as " . gettype($value) . ' ' . show($value) . "\n";
    check("$name reads as $expected", is_numeric($value) && (int) $value === $expected,
        show($value));
}

function checkFault(string $name, callable $call, string $faultstring): void
{
    try {
        $call();
        check($name, false, 'no SoapFault was raised');
    } catch (SoapFault $fault) {
        check("$name: code Client", preg_match('/(^|:)Client$/', $fault->faultcode) === 1,
            show($fault->faultcode));
        check("$name: faultstring", str_contains($fault->faultstring, $faultstring),
            show($fault->faultstring));
    }
}

$wsdlText = file_get_contents("$url?wsdl");
$served = wsdlOperations($wsdlText);
check('the WSDL declares operations', count($served) > 0, show($served));

if ($mode === 'wsdl') {
    // SOAP_SINGLE_ELEMENT_ARRAYS: a list of one item still decodes as an array of one.
    $client = new SoapClient("$url?wsdl", ['cache_wsdl' => WSDL_CACHE_NONE,
        'features' => SOAP_SINGLE_ELEMENT_ARRAYS, 'exceptions' => true]);
    $declared = array_map(
        fn($signature) => preg_replace('/^\S+ (\w+)\(.*$/', '$1', $signature),
        $client->__getFunctions());
    sort($declared);
    $sorted = $served;
    sort($sorted);
    check('SoapClient sees the WSDL operations', $declared === $sorted, show($declared));
} else {
    $client = new SoapClient(null, ['location' => $url, 'uri' => 'ns1', 'exceptions' => true]);
}

/** Calls an operation with named parameters in the WSDL's part order. */
function call(string $operation, array $params)
{
    global $client, $mode;
    if ($mode === 'wsdl') {
        return $client->__soapCall($operation, array_values($params));
    }
    $args = [];
    foreach ($params as $name => $value) {
        $args[] = new SoapParam($value, $name);
    }
    return $client->__soapCall($operation, $args);
}

function status(string $taskId, string $transferId = '')
{
    return call('getTaskStatus',
        ['taskId' => $taskId, 'uniqueTransferId' => $transferId, 'callback' => false]);
}

function listTasks(string $type, string $status, int $pageSize, string $pageToken = '')
{
    return call('listTasks', ['type' => $type, 'status' => $status, 'fromDate' => '',
        'toDate' => '', 'pageSize' => $pageSize, 'pageToken' => $pageToken]);
}

function wait(string $taskId, string $lastStatus, int $timeoutSeconds)
{
    return call('waitForTask',
        ['taskId' => $taskId, 'lastStatus' => $lastStatus, 'timeoutSeconds' => $timeoutSeconds]);
}

$checks = [
    'hello' => function () use ($facts) {
        $r = call('hello', []);
        check('hello: requestStatus SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        check('hello: status is a VUI_* state', str_starts_with($r->status, 'VUI_'),
            show($r->status));
        checkInt('hello: pid', $r->pid, $facts->pid);
        check('hello: mode normal', $r->mode === 'normal', show($r->mode));
        check('hello: version', is_string($r->version) && $r->version !== '', show($r));
    },
    'getTaskStatus' => function () use ($facts) {
        $done = $facts->finished;
        $r = status($done->taskId, $done->uniqueTransferId);
        check('getTaskStatus: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        check('getTaskStatus: type and status', $r->type === 'GIVE_MONEY'
            && $r->status === 'FINISHED_OK' && $r->taskId === $done->taskId, show($r));
        checkInt('getTaskStatus: progressPercent', $r->progressPercent, 100);
        $r = status('', $done->uniqueTransferId);
        check('getTaskStatus by uniqueTransferId', $r->taskId === $done->taskId, show($r));
        $r = status($facts->transferring->taskId);
        check('getTaskStatus: TRANSFERRING', $r->status === 'TRANSFERRING', show($r));
        checkInt('getTaskStatus: progressPercent', $r->progressPercent, 40);
        $r = status($facts->rejected->taskId);
        $info = json_decode($r->additionalInfo, false, 16, JSON_THROW_ON_ERROR);
        check('getTaskStatus: additionalInfo error code',
            $r->status === 'FINISHED_ERR_USER_REJECTED'
            && $info->error->code === 'FINISHED_ERR_USER_REJECTED', show($r));
        $r = status($facts->unknownTaskId);
        check('getTaskStatus unknown id: ERR_TASK_DOES_NOT_EXIST',
            $r->requestStatus === 'ERR_TASK_DOES_NOT_EXIST'
            && $r->requestStatusDescription !== '' && $r->additionalInfo === '{}', show($r));
        $r = status('ABC-123');
        check('getTaskStatus malformed id: ERR_INVALID_TASK_ID',
            $r->requestStatus === 'ERR_INVALID_TASK_ID', show($r));
        $r = status($done->taskId, 'another-transfer');
        check('getTaskStatus other transfer id: ERR_INVALID_TRANSFER_ID',
            $r->requestStatus === 'ERR_INVALID_TRANSFER_ID', show($r));
    },
    'listTasks' => function () use ($facts) {
        $ids = [];
        $token = '';
        $pages = 0;
        do {
            $r = listTasks('GIVE_MONEY', '', 2, $token);
            check("listTasks page $pages: SUCCESS", $r->requestStatus === 'SUCCESS', show($r));
            foreach (items($r->tasks) as $task) {
                check("listTasks item {$task->taskId}: fields",
                    $task->type === 'GIVE_MONEY' && is_string($task->status)
                    && is_string($task->additionalInfo), show($task));
                $ids[] = $task->taskId;
            }
            $token = (string) $r->nextPageToken;
            $pages++;
        } while ($token !== '' && $pages < 50);
        check('listTasks pages cover every GIVE_MONEY task',
            count($ids) === $facts->giveMoneyCount && in_array($facts->finished->taskId, $ids),
            show($ids));
        $one = items(listTasks($facts->single->type, '', 0)->tasks);
        check('listTasks of one item is a list of one', count($one) === 1
            && $one[0]->taskId === $facts->single->taskId, show($one));
        checkInt('listTasks item progressPercent', $one[0]->progressPercent, 0);
        $none = listTasks($facts->emptyType, '', 0);
        echo 'note an empty list arrives as ' . show($none->tasks) . "\n";
        check('listTasks of no item is an empty list',
            $none->requestStatus === 'SUCCESS' && items($none->tasks) === [], show($none));
        check('listTasks bad type: ERR_INVALID_TASK_TYPE',
            listTasks('NOPE', '', 0)->requestStatus === 'ERR_INVALID_TASK_TYPE');
        check('listTasks pageSize 501: ERR_INVALID_PAGE_SIZE',
            listTasks('', '', 501)->requestStatus === 'ERR_INVALID_PAGE_SIZE');
    },
    'cancelTask' => function () use ($facts) {
        $id = $facts->cancellable;
        $r = call('cancelTask', ['taskId' => $id]);
        check('cancelTask: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        check('cancelTask: task is FINISHED_ERR_CANCELLED',
            status($id)->status === 'FINISHED_ERR_CANCELLED');
        $r = call('cancelTask', ['taskId' => $id]);
        check('cancelTask again: ERR_TASK_NOT_CANCELLABLE',
            $r->requestStatus === 'ERR_TASK_NOT_CANCELLABLE', show($r));
        $r = call('cancelTask', ['taskId' => $facts->unknownTaskId]);
        check('cancelTask unknown: ERR_TASK_DOES_NOT_EXIST',
            $r->requestStatus === 'ERR_TASK_DOES_NOT_EXIST', show($r));
    },
    'waitForTask' => function () use ($facts) {
        $done = $facts->finished->taskId;
        $r = wait($done, '', 0);
        check('waitForTask empty lastStatus: at once', $r->status === 'FINISHED_OK', show($r));
        $start = microtime(true);
        $r = wait($done, 'FINISHED_OK', 1);
        $elapsed = microtime(true) - $start;
        check('waitForTask unchanged: same status after the timeout',
            $r->requestStatus === 'SUCCESS' && $r->status === 'FINISHED_OK'
            && $elapsed >= 0.9, show($r) . " after {$elapsed}s");
        $start = microtime(true);
        $r = wait($facts->waitee, 'PREPARATION', 20);
        $elapsed = round(microtime(true) - $start, 1);
        check('waitForTask sees the change', $r->status === 'SEARCHING', show($r));
        echo "note waitForTask answered the change after {$elapsed}s\n";
        checkInt('waitForTask: progressPercent', $r->progressPercent, 0);
        check('waitForTask timeout 26: ERR_INVALID_TIMEOUT',
            wait($done, '', 26)->requestStatus === 'ERR_INVALID_TIMEOUT');
        check('waitForTask unknown: ERR_TASK_DOES_NOT_EXIST',
            wait($facts->unknownTaskId, '', 0)->requestStatus === 'ERR_TASK_DOES_NOT_EXIST');
    },
];

foreach (array_diff($served, array_keys($checks)) as $missing) {
    check("operation $missing is exercised", false,
        'the node serves it but this client suite has no checks for it');
}
foreach (array_diff(array_keys($checks), $served) as $extra) {
    check("operation $extra is declared", false, 'the suite checks it but the WSDL lacks it');
}
foreach ($served as $operation) {
    if (!isset($checks[$operation])) {
        continue;
    }
    try {
        $checks[$operation]();
        echo "covered $operation\n";
    } catch (Throwable $error) {
        check("operation $operation", false, get_class($error) . ': ' . $error->getMessage());
    }
}

if ($mode === 'wsdl') {
    checkFault('an operation outside the WSDL is refused by SoapClient',
        fn() => $client->__soapCall('transferEverything', []), 'transferEverything');
    $newer = tempnam(sys_get_temp_dir(), 'cnode-wsdl');
    file_put_contents($newer, newerWsdl($wsdlText, 'transferEverything'));
    $stale = new SoapClient($newer, ['location' => $url, 'cache_wsdl' => WSDL_CACHE_NONE]);
    checkFault('an undocumented operation answers a SOAP Fault',
        fn() => $stale->transferEverything(), 'not an operation');
    unlink($newer);
} else {
    checkFault('an undocumented operation answers a SOAP Fault',
        fn() => $client->__soapCall('transferEverything', []), 'not an operation');
    checkFault('a documented operation not built yet answers a SOAP Fault',
        fn() => $client->__soapCall('startLogin', []), 'not implemented');
}

echo $failures === 0 ? "PASS php $mode\n" : "FAILED php $mode: $failures check(s)\n";
exit($failures === 0 ? 0 : 1);
