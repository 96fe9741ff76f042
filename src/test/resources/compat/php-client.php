<?php
// A merchant's PHP integration, as the compatibility suite runs it (issue 6).
//
//   php php-client.php wsdl|nowsdl NODE_URL FACTS_JSON_FILE
//
// "wsdl" builds SoapClient from NODE_URL?wsdl; "nowsdl" uses SoapClient(null, location + uri
// ns1). FACTS_JSON_FILE holds what the Java test prepared on this client's own node: tasks in
// known states, a merchant registered in the colony with coins minted to it, a free name to
// register, and a wallet on a node of its own (its URL too) that pays requests on its own.
// The node starts joined to the colony with nobody logged in; the checks run in the order
// below (the ones needing no user, registration, login, the user's operations, then the
// payments between the shop and the wallet, whose node this script also calls).
// Every operation the WSDL declares must have checks here; one served but not exercised fails
// the run. Prints one line per check ("ok ..." or "FAIL ...") and exits 1 on any failure.

declare(strict_types=1);
error_reporting(E_ALL);

if ($argc !== 4 || !in_array($argv[1], ['wsdl', 'nowsdl'], true)) {
    fwrite(STDERR, "usage: php php-client.php wsdl|nowsdl NODE_URL FACTS_JSON_FILE\n");
    exit(2);
}
[, $mode, $url, $factsFile] = $argv;
$facts = json_decode(file_get_contents($factsFile), false, 32, JSON_THROW_ON_ERROR);
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
    // trace: a check reads the last request to see what SoapClient made of a number.
    $options = ['cache_wsdl' => WSDL_CACHE_NONE, 'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
        'exceptions' => true, 'trace' => true];
    $client = new SoapClient("$url?wsdl", $options);
    $wallet = new SoapClient("{$facts->wallet->url}?wsdl", $options);
    $declared = array_map(
        fn($signature) => preg_replace('/^\S+ (\w+)\(.*$/', '$1', $signature),
        $client->__getFunctions());
    sort($declared);
    $sorted = $served;
    sort($sorted);
    check('SoapClient sees the WSDL operations', $declared === $sorted, show($declared));
} else {
    $client = new SoapClient(null, ['location' => $url, 'uri' => 'ns1', 'exceptions' => true,
        'trace' => true]);
    $wallet = new SoapClient(null, ['location' => $facts->wallet->url, 'uri' => 'ns1',
        'exceptions' => true]);
}

/**
 * Calls an operation with named parameters in the WSDL's part order, on the shop's node or,
 * given $on, on another one (the wallet's).
 */
function call(string $operation, array $params, ?SoapClient $on = null)
{
    global $client, $mode;
    $on ??= $client;
    if ($mode === 'wsdl') {
        return $on->__soapCall($operation, array_values($params));
    }
    $args = [];
    foreach ($params as $name => $value) {
        $args[] = new SoapParam($value, $name);
    }
    return $on->__soapCall($operation, $args);
}

function status(string $taskId, string $transferId = '', ?SoapClient $on = null)
{
    return call('getTaskStatus',
        ['taskId' => $taskId, 'uniqueTransferId' => $transferId, 'callback' => false], $on);
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

/** Polls getTaskStatus until the task has finished, as a shop does; the last answer. */
function awaitTask(string $taskId, ?SoapClient $on = null)
{
    $deadline = microtime(true) + 30;
    do {
        $r = status($taskId, '', $on);
        if ($r->requestStatus !== 'SUCCESS'
            || str_starts_with((string) $r->status, 'FINISHED_')) {
            return $r;
        }
        usleep(100_000);
    } while (microtime(true) < $deadline);
    return $r;
}

/** The error code a finished task's additionalInfo carries ('' when none). */
function errorCode($task): string
{
    $info = json_decode($task->additionalInfo, true, 16, JSON_THROW_ON_ERROR);
    return $info['error']['code'] ?? '';
}

/**
 * merchantData as an object (an array without the WSDL would go out as a map). The logo is
 * bytes: SoapClient base64-encodes an xsd:base64Binary itself in WSDL mode; without the WSDL
 * it is sent as the base64 text the node expects.
 */
function merchant(string $profileJson, string $logoBytes = '')
{
    global $mode;
    return (object) ['publicProfileJson' => $profileJson, 'invoiceDataJson' => '',
        'financialAccountJson' => '',
        'logo' => $mode === 'wsdl' ? $logoBytes : base64_encode($logoBytes)];
}

/**
 * Starts a registration or a login. Just after the previous one's task has finished, the node
 * may still answer ERR_TASK_ALREADY_RUNNING for a moment (it reports the end before it has let
 * go of the flow); a shop retries, and so does this script, saying so in a note.
 */
function startFlow(string $operation, array $params)
{
    for ($attempt = 1;; $attempt++) {
        $r = call($operation, $params);
        if ($r->requestStatus !== 'ERR_TASK_ALREADY_RUNNING' || $attempt === 20) {
            return $r;
        }
        echo "note $operation answered ERR_TASK_ALREADY_RUNNING after the last task ended\n";
        usleep(50_000);
    }
}

function register(string $username, string $password, $merchant)
{
    return startFlow('startRegister', ['billonUserName' => $username,
        'billonUserPassword' => $password, 'merchantData' => $merchant,
        'recoveryEmail' => '', 'recoveryEmail1' => '', 'recoveryEmail2' => '',
        'userARchoice' => '', 'userIPEchoice' => '']);
}

function login(string $username, string $password)
{
    return startFlow('startLogin', ['billonUserName' => $username,
        'billonUserPassword' => $password]);
}

/** Calls one of the operations that take only the user's password. */
function withPassword(string $operation, string $password)
{
    return call($operation, ['billonUserPassword' => $password]);
}

/** Both settings JSON texts of readSettings, decoded to arrays. */
function settings(): array
{
    $r = call('readSettings', []);
    check('readSettings: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
    return [json_decode($r->machineSettingsJson, true, 16, JSON_THROW_ON_ERROR),
        json_decode($r->userSettingsJson, true, 16, JSON_THROW_ON_ERROR)];
}

/** Checks a billonAmount {amount, currency, colour}. */
function checkAmount(string $name, $amount, int $billons, string $currency): void
{
    checkInt("$name.amount", $amount->amount, $billons);
    check("$name.currency is $currency", $amount->currency === $currency, show($amount));
    checkInt("$name.colour", $amount->colour, 0);
}

/** True when $value is an integer as this mode decodes it: an int, or digits without WSDL. */
function isInteger($value): bool
{
    global $mode;
    return $mode === 'wsdl' ? is_int($value)
        : is_string($value) && preg_match('/^[0-9]+$/', $value) === 1;
}

/** What the minted coins come to per currency, from the facts. */
function mintedBillons(): array
{
    global $facts;
    $billons = [];
    foreach ($facts->minted as $mint) {
        $billons[$mint->currency] = $mint->billons;
    }
    return $billons;
}

/** A billonAmount as a call carries it: billons (an int, or text/float beyond a PHP int). */
function amount($billons, string $currency = 'PLN')
{
    return (object) ['amount' => $billons, 'currency' => $currency, 'colour' => 0];
}

/**
 * 2^63 billons, one above the largest amount. A PHP int cannot hold it: with the WSDL,
 * SoapClient writes a float of that value in full for an xsd:unsignedLong (text would be cut
 * to PHP_INT_MAX); without it, a float goes out as xsd:float 9.2233720368548E+18, so text
 * is sent.
 */
function aboveLongMax()
{
    global $mode;
    return $mode === 'wsdl' ? 2.0 ** 63 : '9223372036854775808';
}

/** requestData of requestPaymentInitiation and startSeriesPayment, every part given. */
function requestData(string $payer, string $transferId, string $description = '')
{
    return (object) ['username' => $payer, 'uniqueTransferId' => $transferId,
        'title' => "Order $transferId", 'description' => $description, 'channelInfo' => '',
        'requestInvoiceData' => 'NOT_NEEDED', 'requestDeliveryData' => 'NOT_NEEDED',
        'antiSpamCode' => ''];
}

/** requestPaymentInitiation's parameters, no peerLocation. */
function paymentRequest(string $payer, $amount, string $transferId, string $description = '',
                        string $type = 'NORMAL', string $seriesId = ''): array
{
    return ['type' => $type, 'amount' => $amount, 'seriesId' => $seriesId,
        'requestData' => requestData($payer, $transferId, $description),
        'paymentContext' => '', 'peerLocation' => null];
}

/** startSeriesPayment's parameters: at most two payments of $total billons in all. */
function seriesRequest(string $payer, $total, string $transferId,
                       string $type = 'MONEY_COLLECT_SERIES'): array
{
    return ['requestData' => requestData($payer, $transferId), 'peerLocation' => null,
        'type' => $type, 'seriesData' => (object) ['maxPaymentsInSeries' => 2,
            'description' => 'Parking, Prosta 1', 'maxTotalAmount' => $total,
            'plateParameters' => '', 'seriesSecondDuration' => 0, 'username' => '']];
}

/** requestPersonalData's parameters, in the WSDL's order. */
function personalDataRequest(string $username, string $invoice, string $delivery,
                             string $type = 'PERSONAL_DATA_REQUEST'): array
{
    return ['peerLocation' => null, 'requestDeliveryData' => $delivery,
        'merchantName' => '', 'antiSpamCode' => '', 'type' => $type,
        'requestInvoiceData' => $invoice, 'username' => $username, 'seriesId' => ''];
}

/** Polls getTaskStatus until the task is in one of $statuses or has ended; the last answer. */
function awaitStatus(string $taskId, array $statuses)
{
    $deadline = microtime(true) + 30;
    do {
        $r = status($taskId);
        if ($r->requestStatus !== 'SUCCESS' || in_array($r->status, $statuses, true)
            || str_starts_with((string) $r->status, 'FINISHED_')) {
            return $r;
        }
        usleep(100_000);
    } while (microtime(true) < $deadline);
    return $r;
}

/** giveMoneyRequest's parameters; an empty description, which the node fills in. */
function moneyGift(string $receiver, $amount, string $transferId, string $type = 'GIVE_MONEY')
    : array
{
    return ['uniqueTransferId' => $transferId, 'type' => $type, 'peerLocation' => null,
        'amount' => $amount, 'seriesId' => '', 'username' => $receiver,
        'shortDescription' => "Transfer $transferId", 'description' => ''];
}

/** getPurchaseDocumentList's criteria, every part given: "" and a zero amount mean "any". */
function criteria(array $given)
{
    return (object) array_merge(['cashierName' => '', 'startDate' => '', 'endDate' => '',
        'invoiceNum' => '', 'fromAmount' => amount(0, ''), 'toAmount' => amount(0, '')],
        $given);
}

/** The purchase document the shop sends with its order: a JSON object naming the amount. */
function orderDocument(): string
{
    global $facts;
    $order = $facts->payments->order;
    return json_encode(['amount' => $order->billons,
        'merchant_unique_purchase_id' => $order->uniqueTransferId,
        'items' => [['name' => 'Coffee beans 1 kg', 'amount' => $order->billons]]]);
}

/** Checks a call that starts a task was refused with $code, starting none. */
function checkRefused(string $name, $r, string $code): void
{
    check("$name: $code, no task", $r->requestStatus === $code && (string) $r->taskId === ''
        && $r->requestStatusDescription !== '', show($r));
}

/** The free PLN of the user on $on (the shop when null), in billons; -1 when refused. */
function freePln(?SoapClient $on = null): int
{
    $r = call('getMoneyStatus', [], $on);
    return $r->requestStatus === 'SUCCESS' ? (int) $r->freeBalance->amount : -1;
}

/** [the shop's, the wallet's] free PLN. */
function balances(): array
{
    global $wallet;
    return [freePln(), freePln($wallet)];
}

/**
 * Checks that the shop's free PLN moved by exactly $shopGain since $before (balances()) and
 * the wallet's by exactly the opposite. The payee may store its coins a moment after the
 * payer's task ends, so each side is polled for up to 10 s, as a shop's back office would.
 */
function checkMoved(string $name, array $before, int $shopGain): void
{
    $expected = [$before[0] + $shopGain, $before[1] - $shopGain];
    $deadline = microtime(true) + 10;
    while (($now = balances()) !== $expected && microtime(true) < $deadline) {
        usleep(100_000);
    }
    check("$name: getMoneyStatus of the shop moved by exactly $shopGain, the wallet's by "
        . -$shopGain, $now === $expected, show(['before' => $before, 'now' => $now]));
}

/** Checks a payment task ended FINISHED_OK with the counterparty and amount asked for. */
function checkPaid(string $name, $task, string $type, string $counterparty, int $billons,
                   string $transferId): void
{
    $info = json_decode((string) $task->additionalInfo, true, 16, JSON_THROW_ON_ERROR);
    check("$name: the $type task ends FINISHED_OK", $task->type === $type
        && $task->status === 'FINISHED_OK', show($task));
    checkInt("$name: progressPercent", $task->progressPercent, 100);
    check("$name: additionalInfo names the counterparty, the amount and the transfer id",
        ($info['counterparty'] ?? null) === $counterparty
        && ($info['amount'] ?? null) === ['amount' => $billons, 'currency' => 'PLN',
            'colour' => 0]
        && ($info['uniqueTransferId'] ?? null) === $transferId, show($info));
}

/** The uniqueTransferIds of getPurchaseDocumentList's answer, in its order. */
function documentIds($r): array
{
    return array_map(fn($item) => $item->uniqueTransferId, items($r->documents));
}

function documentList(array $given)
{
    return call('getPurchaseDocumentList', ['searchCriteria' => criteria($given)]);
}

/**
 * The operations that need a user, called before the login with a plausible call each: every
 * one answers ERR_VUI_NOT_LOGGEDIN. Only the served ones: SoapClient refuses the others.
 */
function refusedBeforeLogin(array $served): void
{
    global $facts;
    $password = ['billonUserPassword' => $facts->shop->password];
    $calls = ['getMerchantData' => [], 'checkPassword' => $password, 'getMpin' => $password,
        'storePassword' => $password, 'clearPassword' => $password,
        'setGeolocationInfo' => ['shopId' => 'shop-1', 'geolocationInfo' => '{}'],
        'fetchUserLocation' => ['username' => $facts->newcomer->username],
        'getMoneyStatus' => [], 'getCoinList' => [],
        'requestPaymentInitiation' => paymentRequest($facts->wallet->username, amount(1000),
            'before-login-1'),
        'giveMoneyRequest' => moneyGift($facts->wallet->username, amount(1000),
            'before-login-2'),
        'expectPaymentRequest' => ['username' => $facts->wallet->username,
            'amount' => amount(1000), 'timeout' => 60],
        'getPurchaseDocument' => ['uniqueTransferId' => 'before-login-3'],
        'getPurchaseDocumentList' => ['searchCriteria' => criteria([])],
        'startSeriesPayment' => seriesRequest($facts->wallet->username, amount(1000),
            'before-login-4'),
        'endSeriesPayment' => ['seriesId' => $facts->unknownTaskId],
        'requestPersonalData' => personalDataRequest($facts->wallet->username, 'OPTIONAL',
            'OPTIONAL'),
        'requestPingPaymentInitiation' => ['requestData' => requestData(
            $facts->wallet->username, 'before-login-5'), 'paymentContext' => '',
            'peerLocation' => null]];
    foreach ($calls as $operation => $params) {
        if (!in_array($operation, $served, true)) {
            continue;
        }
        $r = call($operation, $params);
        check("$operation before the login: ERR_VUI_NOT_LOGGEDIN",
            $r->requestStatus === 'ERR_VUI_NOT_LOGGEDIN' && $r->requestStatusDescription !== '',
            show($r));
    }
    [$machine, $user] = settings();
    check('readSettings before the login: no user settings, no stored password',
        $user === [] && $machine['rememberUserPasswordForAutoLogin'] === false,
        show([$machine, $user]));
}

$checks = [
    'hello' => function () use ($facts) {
        $r = call('hello', []);
        check('hello: requestStatus SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        check('hello: joined, nobody logged in',
            $r->status === 'VUI_CONNECTED' && (string) $r->username === '', show($r));
        checkInt('hello: pid', $r->pid, $facts->pid);
        check('hello: mode normal', $r->mode === 'normal', show($r->mode));
        check('hello: version', is_string($r->version) && $r->version !== '', show($r));
    },
    'getCurrencyRatio' => function () {
        foreach (['PLN', 'EUR', 'GBP', 'JPY', 'USD'] as $currency) {
            $r = call('getCurrencyRatio', ['currency' => $currency]);
            checkInt("getCurrencyRatio $currency: numerator", $r->numerator, 1);
            checkInt("getCurrencyRatio $currency: denominator", $r->denominator, 1000);
        }
        foreach (['XYZ', 'pln', ''] as $currency) {
            $r = call('getCurrencyRatio', ['currency' => $currency]);
            check("getCurrencyRatio '$currency': 0/0, no such currency",
                (int) $r->numerator === 0 && (int) $r->denominator === 0, show($r));
        }
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
    'startRegister' => function () use ($facts) {
        $name = $facts->newcomer->username;
        $password = $facts->newcomer->password;
        $r = register('9-not-a-name', $password, null);
        check('startRegister malformed name: ERR_INVALID_USERNAME, no task',
            $r->requestStatus === 'ERR_INVALID_USERNAME' && (string) $r->taskId === '',
            show($r));
        $r = register($name, '', null);
        check('startRegister empty password: ERR_INVALID_PASSWORD',
            $r->requestStatus === 'ERR_INVALID_PASSWORD', show($r));
        $r = register($name, $password, merchant('not json'));
        check('startRegister profile not JSON: ERR_INVALID_PARAMETER',
            $r->requestStatus === 'ERR_INVALID_PARAMETER', show($r));
        $r = register($name, $password,
            merchant(json_encode(['name' => "New shop $name"]), "\x89PNG\r\n\x1a\n\x00"));
        check('startRegister: SUCCESS with a task id', $r->requestStatus === 'SUCCESS'
            && preg_match('/^[0-9A-Z]{26}$/', $r->taskId) === 1, show($r));
        $task = awaitTask($r->taskId);
        $info = json_decode($task->additionalInfo, true, 16, JSON_THROW_ON_ERROR);
        check('startRegister: the REGISTER task ends FINISHED_OK with the username',
            $task->type === 'REGISTER' && $task->status === 'FINISHED_OK'
            && ($info['username'] ?? '') === $name, show($task));
        $task = awaitTask(register($facts->shop->username, $password, null)->taskId);
        check('startRegister of a taken name: FINISHED_ERR_INVALID_USERNAME',
            $task->status === 'FINISHED_ERR_INVALID_USERNAME'
            && errorCode($task) === 'FINISHED_ERR_INVALID_USERNAME', show($task));
    },
    'startLogin' => function () use ($facts, $served) {
        refusedBeforeLogin($served);
        $shop = $facts->shop;
        $r = login('Not A Name', $shop->password);
        check('startLogin malformed name: ERR_INVALID_USERNAME, no task',
            $r->requestStatus === 'ERR_INVALID_USERNAME' && (string) $r->taskId === '',
            show($r));
        $r = login($shop->username, '');
        check('startLogin empty password: ERR_INVALID_PASSWORD',
            $r->requestStatus === 'ERR_INVALID_PASSWORD', show($r));
        $task = awaitTask(login($facts->unknownUser, $shop->password)->taskId);
        check('startLogin of nobody: FINISHED_ERR_USER_NOT_FOUND',
            $task->type === 'LOGIN' && $task->status === 'FINISHED_ERR_USER_NOT_FOUND'
            && errorCode($task) === 'FINISHED_ERR_USER_NOT_FOUND', show($task));
        $task = awaitTask(login($shop->username, 'not-the-password')->taskId);
        check('startLogin wrong password: FINISHED_ERR_USER_NOT_AUTHENTICATED',
            $task->status === 'FINISHED_ERR_USER_NOT_AUTHENTICATED', show($task));
        $r = login($shop->username, $shop->password);
        check('startLogin: SUCCESS with a task id', $r->requestStatus === 'SUCCESS'
            && preg_match('/^[0-9A-Z]{26}$/', $r->taskId) === 1, show($r));
        $task = awaitTask($r->taskId);
        check('startLogin: the LOGIN task ends FINISHED_OK',
            $task->type === 'LOGIN' && $task->status === 'FINISHED_OK', show($task));
        $hello = call('hello', []);
        check('startLogin: hello shows the user, VUI_READY', $hello->status === 'VUI_READY'
            && $hello->username === $shop->username, show($hello));
    },
    'checkPassword' => function () use ($facts) {
        $r = withPassword('checkPassword', 'not-the-password');
        check('checkPassword wrong: ERR_INVALID_PASSWORD',
            $r->requestStatus === 'ERR_INVALID_PASSWORD', show($r));
        $r = withPassword('checkPassword', '');
        check('checkPassword empty: ERR_INVALID_PASSWORD',
            $r->requestStatus === 'ERR_INVALID_PASSWORD', show($r));
        $r = withPassword('checkPassword', $facts->shop->password);
        check('checkPassword right: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
    },
    'getMpin' => function () use ($facts) {
        $r = withPassword('getMpin', $facts->shop->password);
        check('getMpin: SUCCESS, six characters', $r->requestStatus === 'SUCCESS'
            && preg_match('/^[0-9A-Z]{6}$/', $r->mpin) === 1, show($r));
        $again = withPassword('getMpin', $facts->shop->password);
        check('getMpin again: the same mpin', $again->mpin === $r->mpin, show($again));
        $r = withPassword('getMpin', 'not-the-password');
        check('getMpin wrong password: ERR_INVALID_PASSWORD, no mpin',
            $r->requestStatus === 'ERR_INVALID_PASSWORD' && (string) $r->mpin === '', show($r));
    },
    'storePassword' => function () use ($facts) {
        $r = withPassword('storePassword', 'not-the-password');
        check('storePassword wrong: ERR_INVALID_PASSWORD',
            $r->requestStatus === 'ERR_INVALID_PASSWORD', show($r));
        $r = withPassword('storePassword', $facts->shop->password);
        check('storePassword: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        [$machine] = settings();
        check('storePassword: readSettings says the password is remembered',
            $machine['rememberUserPasswordForAutoLogin'] === true, show($machine));
    },
    'clearPassword' => function () use ($facts) {
        $r = withPassword('clearPassword', 'not-the-password');
        check('clearPassword wrong: ERR_INVALID_PASSWORD',
            $r->requestStatus === 'ERR_INVALID_PASSWORD', show($r));
        $r = withPassword('clearPassword', $facts->shop->password);
        check('clearPassword: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        [$machine] = settings();
        check('clearPassword: readSettings says no password is remembered',
            $machine['rememberUserPasswordForAutoLogin'] === false, show($machine));
    },
    'getMerchantData' => function () use ($facts) {
        global $mode;
        $r = call('getMerchantData', []);
        check('getMerchantData: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        check('getMerchantData: the profile registered',
            json_decode($r->publicProfileJson, true) === json_decode(
                $facts->shop->publicProfileJson, true), show($r->publicProfileJson));
        check('getMerchantData: no invoice data, no account',
            $r->invoiceDataJson === '{}' && $r->financialAccountJson === '{}', show($r));
        // xsd:base64Binary: SoapClient decodes it to bytes with the WSDL, not without.
        $logo = $mode === 'wsdl' ? $r->logo : base64_decode($r->logo, true);
        check('getMerchantData: the logo\'s bytes', $logo === base64_decode($facts->shop->logo),
            show($r->logo));
    },
    'setGeolocationInfo' => function () {
        $r = call('setGeolocationInfo',
            ['shopId' => 'shop-1', 'geolocationInfo' => '{"Lng":"21.01","Lat":"52.23"}']);
        check('setGeolocationInfo: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        $r = call('setGeolocationInfo', ['shopId' => 'shop-2', 'geolocationInfo' => 'here']);
        check('setGeolocationInfo not JSON: ERR_INVALID_JSON',
            $r->requestStatus === 'ERR_INVALID_JSON', show($r));
        $r = call('setGeolocationInfo', ['shopId' => '', 'geolocationInfo' => '{}']);
        check('setGeolocationInfo empty shopId: ERR_INVALID_PARAMETER',
            $r->requestStatus === 'ERR_INVALID_PARAMETER', show($r));
    },
    'readSettings' => function () use ($facts) {
        [$machine, $user] = settings();
        $bandwidth = $machine['bandwidthBehaviour'] ?? [];
        check('readSettings: the node\'s P2P port', ($bandwidth['tcpPort'] ?? null)
            === $facts->p2pPort && ($bandwidth['udpPort'] ?? null) === $facts->p2pPort,
            show($bandwidth));
        check('readSettings: the shop location set',
            ($machine['geolocation']['shop-1'] ?? null) === ['Lng' => '21.01', 'Lat' => '52.23']
            && !isset($machine['geolocation']['shop-2']), show($machine['geolocation'] ?? null));
        check('readSettings: the user\'s wallet settings',
            is_string($user['walletPolicy'] ?? null)
            && is_bool($user['contactsBehaviour']['auto_accept_strangers_payments'] ?? null),
            show($user));
    },
    'fetchUserLocation' => function () use ($facts) {
        $r = call('fetchUserLocation', ['username' => $facts->newcomer->username]);
        check('fetchUserLocation: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        $r = call('fetchUserLocation', ['username' => 'Not A Name']);
        check('fetchUserLocation malformed name: ERR_INVALID_USERNAME',
            $r->requestStatus === 'ERR_INVALID_USERNAME', show($r));
    },
    'getMoneyStatus' => function () {
        $minted = mintedBillons();
        $r = call('getMoneyStatus', []);
        check('getMoneyStatus: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        checkAmount('getMoneyStatus freeBalance', $r->freeBalance, $minted['PLN'], 'PLN');
        foreach (['vaultBalance', 'lockedBalance', 'unpaidCommission'] as $field) {
            checkAmount("getMoneyStatus $field", $r->$field, 0, 'PLN');
        }
        $list = items($r->balanceList);
        check('getMoneyStatus balanceList: one item per currency held',
            count($list) === count($minted), show($r->balanceList));
        foreach ($list as $item) {
            $currency = $item->currency;
            check("getMoneyStatus balanceList $currency: a currency minted",
                isset($minted[$currency]), show($item));
            checkAmount("getMoneyStatus balanceList $currency freeBalance",
                $item->freeBalance, $minted[$currency] ?? -1, $currency);
            foreach (['vaultBalance', 'lockedBalance', 'unpaidCommission'] as $field) {
                checkAmount("getMoneyStatus balanceList $currency $field", $item->$field, 0,
                    $currency);
            }
        }
    },
    'getCoinList' => function () use ($facts) {
        $r = call('getCoinList', []);
        check('getCoinList: SUCCESS', $r->requestStatus === 'SUCCESS', show($r));
        $summed = [];
        $count = 0;
        $typed = true;
        $previous = [];
        foreach (items($r->monexSummary) as $item) {
            $typed = $typed && isInteger($item->amount->amount) && isInteger($item->quantity)
                && isInteger($item->amount->colour);
            $currency = $item->amount->currency;
            $face = (int) $item->amount->amount;
            check("getCoinList summary $currency $face: smallest first",
                $face > ($previous[$currency] ?? 0), show($item));
            $previous[$currency] = $face;
            $summed[$currency] = ($summed[$currency] ?? 0) + $face * (int) $item->quantity;
            $count += (int) $item->quantity;
        }
        check('getCoinList summary: amounts and quantities are integers', $typed,
            show($r->monexSummary));
        $minted = mintedBillons();
        ksort($summed);
        ksort($minted);
        check('getCoinList summary: face value times quantity adds up to the coins minted',
            $summed === $minted, show($summed));
        $ids = [];
        $values = [];
        $wellFormed = true;
        $date = '/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/';
        foreach (items($r->monexList) as $coin) {
            $ids[] = $coin->id;
            $wellFormed = $wellFormed && preg_match('/^[0-9]+\.[0-9]{3}$/', $coin->value) === 1
                && preg_match($date, $coin->issuingDate) === 1
                && preg_match($date, $coin->incomingDate) === 1
                && preg_match($date, $coin->expirationDate) === 1
                && $coin->expirationDate > $coin->issuingDate;
            $values[$coin->currency] = ($values[$coin->currency] ?? 0)
                + (int) str_replace('.', '', $coin->value);
        }
        check('getCoinList monexList: values "units.thousandths", dates UTC, not expired',
            $wellFormed, show(items($r->monexList)[0] ?? null));
        ksort($values);
        check('getCoinList monexList: the values add up to the coins minted',
            $values === $minted, show($values));
        $expected = array_merge(...array_map(fn($mint) => $mint->coinIds, $facts->minted));
        sort($ids);
        sort($expected);
        check('getCoinList monexList: exactly the coins minted', $ids === $expected
            && count($ids) === $count, show($ids));
        check('getCoinList reservedList: empty', items($r->reservedList) === [],
            show($r->reservedList));
    },
    'requestPaymentInitiation' => function () use ($facts) {
        global $client;
        $payer = $facts->wallet->username;
        $order = $facts->payments->order;
        $request = fn(...$args) => call('requestPaymentInitiation', paymentRequest(...$args));
        checkRefused('requestPaymentInitiation amount 0',
            $request($payer, amount(0), 'refused-1'), 'ERR_INVALID_AMOUNT');
        $r = $request($payer, amount(aboveLongMax()), 'refused-2');
        check('requestPaymentInitiation: 2^63 went out in full',
            str_contains($client->__getLastRequest(), '>9223372036854775808</amount>'),
            $client->__getLastRequest());
        checkRefused('requestPaymentInitiation amount 2^63', $r, 'ERR_INVALID_AMOUNT');
        checkRefused('requestPaymentInitiation currency XYZ',
            $request($payer, amount(1000, 'XYZ'), 'refused-3'), 'ERR_INVALID_AMOUNT');
        checkRefused('requestPaymentInitiation malformed payer',
            $request('Not A Name', amount(1000), 'refused-4'), 'ERR_INVALID_USERNAME');
        checkRefused('requestPaymentInitiation type URGENT',
            $request($payer, amount(1000), 'refused-5', '', 'URGENT'), 'ERR_INVALID_PAYMENT_TYPE');
        checkRefused('requestPaymentInitiation description not JSON',
            $request($payer, amount(1000), 'refused-6', 'coffee'),
            'ERR_INVALID_PURCHASE_DOCUMENT');
        check('requestPaymentInitiation: a refused call left no task behind its id',
            status('', 'refused-1')->requestStatus === 'ERR_TASK_DOES_NOT_EXIST');

        $before = balances();
        $r = $request($payer, amount($order->billons), $order->uniqueTransferId,
            orderDocument());
        check('requestPaymentInitiation: SUCCESS with a task id', $r->requestStatus === 'SUCCESS'
            && preg_match('/^[0-9A-Z]{26}$/', $r->taskId) === 1, show($r));
        $again = $request($payer, amount($order->billons), $order->uniqueTransferId,
            orderDocument());
        check('requestPaymentInitiation the same call again: the same task',
            $again->requestStatus === 'SUCCESS' && $again->taskId === $r->taskId, show($again));
        checkRefused('requestPaymentInitiation the same id, another amount',
            $request($payer, amount($order->billons + 1000), $order->uniqueTransferId,
                orderDocument()), 'ERR_INVALID_TRANSFER_ID');
        $task = awaitTask($r->taskId);
        checkPaid('requestPaymentInitiation', $task, 'REQUEST_PAYMENT', $payer,
            $order->billons, $order->uniqueTransferId);
        checkMoved('requestPaymentInitiation', $before, $order->billons);
        $task = awaitTask($request($payer, amount($facts->wallet->acceptUpTo + 1000),
            'too-dear-1')->taskId);
        check('requestPaymentInitiation above what the wallet accepts: '
            . 'FINISHED_ERR_USER_REJECTED', $task->status === 'FINISHED_ERR_USER_REJECTED'
            && errorCode($task) === 'FINISHED_ERR_USER_REJECTED', show($task));
    },
    'giveMoneyRequest' => function () use ($facts) {
        $receiver = $facts->wallet->username;
        $refund = $facts->payments->refund;
        $give = fn(...$args) => call('giveMoneyRequest', moneyGift(...$args));
        checkRefused('giveMoneyRequest type XYZ',
            $give($receiver, amount(1000), 'refused-7', 'XYZ'), 'ERR_INVALID_PAYMENT_TYPE');
        checkRefused('giveMoneyRequest malformed receiver',
            $give('Not A Name', amount(1000), 'refused-8'), 'ERR_INVALID_USERNAME');
        checkRefused('giveMoneyRequest amount 0',
            $give($receiver, amount(0), 'refused-9'), 'ERR_INVALID_AMOUNT');
        $before = balances();
        $r = $give($receiver, amount($refund->billons), $refund->uniqueTransferId);
        check('giveMoneyRequest: SUCCESS with a task id', $r->requestStatus === 'SUCCESS'
            && preg_match('/^[0-9A-Z]{26}$/', $r->taskId) === 1, show($r));
        checkPaid('giveMoneyRequest', awaitTask($r->taskId), 'GIVE_MONEY', $receiver,
            $refund->billons, $refund->uniqueTransferId);
        checkMoved('giveMoneyRequest', $before, -$refund->billons);
    },
    'requestPingPaymentInitiation' => function () use ($facts) {
        $payer = $facts->wallet->username;
        $ping = fn(string $user, string $id) => call('requestPingPaymentInitiation',
            ['requestData' => requestData($user, $id), 'paymentContext' => '',
                'peerLocation' => null]);
        checkRefused('requestPingPaymentInitiation malformed user',
            $ping('Not A Name', 'ping-refused-1'), 'ERR_INVALID_USERNAME');
        $before = balances();
        $r = $ping($payer, 'ping-1');
        check('requestPingPaymentInitiation: SUCCESS with a task id',
            $r->requestStatus === 'SUCCESS' && preg_match('/^[0-9A-Z]{26}$/', $r->taskId) === 1,
            show($r));
        $task = awaitTask($r->taskId);
        $info = json_decode($task->additionalInfo, true);
        check('requestPingPaymentInitiation: PING_PAYMENT FINISHED_OK, a coin there and back',
            $task->type === 'PING_PAYMENT' && $task->status === 'FINISHED_OK'
            && $info['amount']['amount'] === 0 && $info['coinCount'] >= 2, show($task));
        checkMoved('requestPingPaymentInitiation costs nothing', $before, 0);
    },
    'expectPaymentRequest' => function () use ($facts) {
        global $wallet;
        $payer = $facts->wallet->username;
        $window = $facts->payments->window;
        $expect = fn($username, $amount, $timeout) => call('expectPaymentRequest',
            ['username' => $username, 'amount' => $amount, 'timeout' => $timeout]);
        foreach (['malformed name' => [$expect('Not A Name', amount(1000), 60),
            'ERR_INVALID_USERNAME'], 'amount 0' => [$expect($payer, amount(0), 60),
            'ERR_INVALID_AMOUNT'], 'timeout 0' => [$expect($payer, amount(1000), 0),
            'ERR_INVALID_TIMEOUT']] as $case => [$r, $code]) {
            check("expectPaymentRequest $case: $code, no confirmation",
                $r->requestStatus === $code && (string) $r->requestPaymentIdConfirmation === '',
                show($r));
        }
        $before = balances();
        $r = $expect($payer, amount($window->billons), 60);
        check('expectPaymentRequest: SUCCESS, a 26-character requestPaymentIdConfirmation',
            $r->requestStatus === 'SUCCESS'
            && preg_match('/^[0-9A-Z]{26}$/', $r->requestPaymentIdConfirmation) === 1, show($r));
        $gift = fn($id) => awaitTask(call('giveMoneyRequest', moneyGift($facts->shop->username,
            amount($window->billons), $id), $wallet)->taskId, $wallet);
        $task = $gift($window->uniqueTransferId);
        check('expectPaymentRequest: the wallet\'s payment through the window ends FINISHED_OK',
            $task->status === 'FINISHED_OK', show($task));
        checkMoved('expectPaymentRequest', $before, $window->billons);
        $task = $gift("{$window->uniqueTransferId}-again");
        check('expectPaymentRequest: the window is single-use, the next payment is rejected',
            $task->status === 'FINISHED_ERR_USER_REJECTED', show($task));
        checkMoved('expectPaymentRequest, after the rejected payment', $before,
            $window->billons);
    },
    'startSeriesPayment' => function () use ($facts) {
        $payer = $facts->wallet->username;
        $series = $facts->payments->series;
        $inSeries = $facts->payments->inSeries;
        $start = fn(...$args) => call('startSeriesPayment', seriesRequest(...$args));
        checkRefused('startSeriesPayment type NORMAL',
            $start($payer, amount($series->billons), 'refused-10', 'NORMAL'),
            'ERR_INVALID_PAYMENT_TYPE');
        checkRefused('startSeriesPayment malformed payer',
            $start('Not A Name', amount($series->billons), 'refused-11'), 'ERR_INVALID_USERNAME');
        checkRefused('startSeriesPayment total in XYZ',
            $start($payer, amount($series->billons, 'XYZ'), 'refused-12'), 'ERR_INVALID_AMOUNT');
        $r = $start($payer, amount($series->billons), $series->uniqueTransferId);
        check('startSeriesPayment: SUCCESS, the series id', $r->requestStatus === 'SUCCESS'
            && preg_match('/^[0-9A-Z]{26}$/', $r->taskId) === 1, show($r));
        $task = awaitStatus($r->taskId, ['SERIES_ACCEPTED']);
        check('startSeriesPayment: the wallet accepts, SERIES_ACCEPTED',
            $task->type === 'MONEY_COLLECT_SERIES' && $task->status === 'SERIES_ACCEPTED',
            show($task));
        $before = balances();
        $pay = fn($id) => awaitTask(call('requestPaymentInitiation', paymentRequest($payer,
            amount($inSeries->billons), $id, '', 'NORMAL', $r->taskId))->taskId);
        checkPaid('startSeriesPayment, a payment in the series', $pay($inSeries->uniqueTransferId),
            'REQUEST_PAYMENT', $payer, $inSeries->billons, $inSeries->uniqueTransferId);
        checkMoved('startSeriesPayment, a payment in the series', $before, $inSeries->billons);
        $task = $pay('series-payment-2');
        check('startSeriesPayment: a payment over the series\' total: '
            . 'FINISHED_ERR_SERIES_CONSTRAINTS_EXCEEDED',
            $task->status === 'FINISHED_ERR_SERIES_CONSTRAINTS_EXCEEDED', show($task));
        checkMoved('startSeriesPayment, after the refused payment', $before, $inSeries->billons);
    },
    'endSeriesPayment' => function () use ($facts) {
        $series = status('', $facts->payments->series->uniqueTransferId);
        $end = fn($seriesId) => call('endSeriesPayment', ['seriesId' => $seriesId]);
        $r = $end($series->taskId);
        check('endSeriesPayment of the running series: SUCCESS',
            $r->requestStatus === 'SUCCESS', show([$series, $r]));
        $task = status($series->taskId);
        check('endSeriesPayment: the series is SERIES_FINISHED',
            $task->status === 'SERIES_FINISHED', show($task));
        checkRefused('endSeriesPayment: a request in the ended series',
            call('requestPaymentInitiation', paymentRequest($facts->wallet->username,
                amount(1000), 'refused-13', '', 'NORMAL', $series->taskId)),
            'ERR_INVALID_SERIES_ID');
        check('endSeriesPayment again: ERR_INVALID_TASK_ID',
            $end($series->taskId)->requestStatus === 'ERR_INVALID_TASK_ID');
        check('endSeriesPayment malformed id: ERR_INVALID_TASK_ID',
            $end('ABC-123')->requestStatus === 'ERR_INVALID_TASK_ID');
    },
    'requestPersonalData' => function () use ($facts) {
        $user = $facts->wallet->username;
        $ask = fn(...$args) => call('requestPersonalData', personalDataRequest(...$args));
        checkRefused('requestPersonalData type XYZ',
            $ask($user, 'OPTIONAL', 'OPTIONAL', 'XYZ'), 'ERR_INVALID_PAYMENT_TYPE');
        checkRefused('requestPersonalData malformed name',
            $ask('Not A Name', 'OPTIONAL', 'OPTIONAL'), 'ERR_INVALID_USERNAME');
        checkRefused('requestPersonalData invoice ALWAYS',
            $ask($user, 'ALWAYS', 'OPTIONAL'), 'ERR_INVALID_INVOICE_OPTION');
        checkRefused('requestPersonalData delivery SOMETIMES',
            $ask($user, 'OPTIONAL', 'SOMETIMES'), 'ERR_INVALID_DELIVERY_OPTION');
        $invoice = json_decode($facts->wallet->invoiceDataJson, true);
        $delivery = json_decode($facts->wallet->deliveryDataJson, true);
        $task = awaitTask($ask($user, 'OBLIGATORY', 'NOT_NEEDED')->taskId);
        $info = json_decode((string) $task->additionalInfo, true);
        check('requestPersonalData invoice only: FINISHED_OK with the invoice data alone',
            $task->type === 'PERSONAL_DATA_REQUEST' && $task->status === 'FINISHED_OK'
            && ($info['invoiceData'] ?? null) === $invoice && !isset($info['deliveryData']),
            show($task));
        $task = awaitTask($ask($user, 'NOT_NEEDED', 'OPTIONAL', 'MONEY_COLLECT_REQUEST')
            ->taskId);
        $info = json_decode((string) $task->additionalInfo, true);
        check('requestPersonalData MONEY_COLLECT_REQUEST, delivery only: the delivery data '
            . 'alone (UTF-8 intact)', $task->type === 'MONEY_COLLECT_REQUEST'
            && $task->status === 'FINISHED_OK' && ($info['deliveryData'] ?? null) === $delivery
            && !isset($info['invoiceData']), show($task));
    },
    'cancelPaymentRequest' => function () use ($facts) {
        $cancelled = $facts->payments->cancelled;
        $cancel = fn($taskId, $transferId = '') => call('cancelPaymentRequest',
            ['taskId' => $taskId, 'uniqueTransferId' => $transferId]);
        check('cancelPaymentRequest malformed id: ERR_INVALID_TASK_ID',
            $cancel('ABC-123')->requestStatus === 'ERR_INVALID_TASK_ID');
        check('cancelPaymentRequest unknown id: ERR_TASK_DOES_NOT_EXIST',
            $cancel($facts->unknownTaskId)->requestStatus === 'ERR_TASK_DOES_NOT_EXIST');
        $order = status('', $facts->payments->order->uniqueTransferId);
        $r = $cancel($order->taskId, $facts->payments->order->uniqueTransferId);
        check('cancelPaymentRequest of the finished order: ERR_TASK_NOT_CANCELLABLE',
            $r->requestStatus === 'ERR_TASK_NOT_CANCELLABLE', show([$order, $r]));
        // The newcomer is registered, and no node serves it: the request searches for 30 s.
        $started = call('requestPaymentInitiation', paymentRequest($facts->newcomer->username,
            amount($cancelled->billons), $cancelled->uniqueTransferId));
        check('cancelPaymentRequest: a request to a user nobody serves starts',
            $started->requestStatus === 'SUCCESS', show($started));
        $r = $cancel($started->taskId, 'another-transfer');
        check('cancelPaymentRequest another transfer id: ERR_INVALID_TRANSFER_ID',
            $r->requestStatus === 'ERR_INVALID_TRANSFER_ID', show($r));
        $r = $cancel($started->taskId, $cancelled->uniqueTransferId);
        check('cancelPaymentRequest while it searches: SUCCESS',
            $r->requestStatus === 'SUCCESS', show($r));
        $task = status($started->taskId);
        check('cancelPaymentRequest: the task is FINISHED_ERR_CANCELLED',
            $task->status === 'FINISHED_ERR_CANCELLED'
            && errorCode($task) === 'FINISHED_ERR_CANCELLED', show($task));
        check('cancelPaymentRequest again: ERR_TASK_NOT_CANCELLABLE',
            $cancel($started->taskId)->requestStatus === 'ERR_TASK_NOT_CANCELLABLE');
    },
    'getPurchaseDocument' => function () use ($facts) {
        $document = fn($id) => call('getPurchaseDocument', ['uniqueTransferId' => $id]);
        $order = $facts->payments->order;
        $r = $document($order->uniqueTransferId);
        check('getPurchaseDocument of the order: SUCCESS, the document the shop sent',
            $r->requestStatus === 'SUCCESS' && json_decode($r->purchaseDocument, true)
            === json_decode(orderDocument(), true), show($r));
        $refund = $facts->payments->refund;
        $r = $document($refund->uniqueTransferId);
        $filled = json_decode((string) $r->purchaseDocument, true);
        check('getPurchaseDocument of the refund: the document the node filled in',
            $r->requestStatus === 'SUCCESS'
            && ($filled['sales_document_data']['seller'] ?? null) === $facts->shop->username
            && ($filled['sales_document_data']['buyer'] ?? null) === $facts->wallet->username
            && ($filled['amount'] ?? null) === $refund->billons
            && ($filled['merchant_unique_purchase_id'] ?? null) === $refund->uniqueTransferId,
            show($r));
        $r = $document('never-sold-1');
        check('getPurchaseDocument unknown id: ERR_INVALID_TRANSFER_ID, no document',
            $r->requestStatus === 'ERR_INVALID_TRANSFER_ID'
            && (string) $r->purchaseDocument === '' && $r->requestStatusDescription !== '',
            show($r));
        $r = $document($facts->payments->cancelled->uniqueTransferId);
        check('getPurchaseDocument of the cancelled request: ERR_INVALID_TRANSFER_ID, '
            . 'naming its status', $r->requestStatus === 'ERR_INVALID_TRANSFER_ID'
            && str_contains($r->requestStatusDescription, 'FINISHED_ERR_CANCELLED'), show($r));
        check('getPurchaseDocument empty id: ERR_INVALID_TRANSFER_ID',
            $document('')->requestStatus === 'ERR_INVALID_TRANSFER_ID');
    },
    'getPurchaseDocumentList' => function () use ($facts) {
        $payments = $facts->payments;
        // The task the test prepared as a finished GIVE_MONEY is in the history too.
        // The ping (ping-1) went through as well: an exchange of equal value, amount 0.
        $paid = [$facts->finished->uniqueTransferId, $payments->order->uniqueTransferId,
            $payments->refund->uniqueTransferId, 'ping-1', $payments->window->uniqueTransferId,
            $payments->inSeries->uniqueTransferId];
        $r = documentList([]);
        check('getPurchaseDocumentList no criteria: SUCCESS, the payments that went through, '
            . 'in finish order', $r->requestStatus === 'SUCCESS' && documentIds($r) === $paid,
            show($r));
        $objects = array_map(fn($item) => is_array(json_decode($item->purchaseDocument, true)),
            items($r->documents));
        check('getPurchaseDocumentList: every document a JSON object',
            !in_array(false, $objects, true), show($r->documents));
        $r = documentList(['startDate' => gmdate('Y-m-d H:i:s', time() - 3600),
            'endDate' => gmdate('Y-m-d H:i:s', time() + 3600)]);
        check('getPurchaseDocumentList the hour around now (UTC): the same payments',
            documentIds($r) === $paid, show($r));
        $r = documentList(['startDate' => '2999-01-01 00:00:00',
            'endDate' => '2999-12-31 23:59:59']);
        check('getPurchaseDocumentList a range in the future: SUCCESS, no item',
            $r->requestStatus === 'SUCCESS' && items($r->documents) === [], show($r));
        $order = amount($payments->order->billons);
        $r = documentList(['fromAmount' => $order, 'toAmount' => $order]);
        check('getPurchaseDocumentList the order\'s amount: the order alone',
            documentIds($r) === [$payments->order->uniqueTransferId], show($r));
        check('getPurchaseDocumentList malformed date: ERR_INVALID_DATE',
            documentList(['startDate' => 'yesterday'])->requestStatus === 'ERR_INVALID_DATE');
        $r = documentList(['fromAmount' => amount(2000), 'toAmount' => amount(1000)]);
        check('getPurchaseDocumentList fromAmount above toAmount: ERR_INVALID_AMOUNT',
            $r->requestStatus === 'ERR_INVALID_AMOUNT', show($r));
    },
];

foreach (array_diff($served, array_keys($checks)) as $missing) {
    check("operation $missing is exercised", false,
        'the node serves it but this client suite has no checks for it');
}
foreach (array_diff(array_keys($checks), $served) as $extra) {
    check("operation $extra is declared", false, 'the suite checks it but the WSDL lacks it');
}
// In this script's order, not the WSDL's: the login comes after the checks without a user.
foreach (array_keys($checks) as $operation) {
    if (!in_array($operation, $served, true)) {
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
    // Documented operations that later issues build; the first one this node lacks.
    $unbuilt = array_values(array_diff(['changeMoney', 'addSlaves', 'getHistoryReport',
        'sendMoneyToVault', 'setTreasury', 'addAllowedUsers'], $served));
    if ($unbuilt === []) {
        check('a documented operation not built yet is known to this script', false,
            'the node serves every candidate; name another one here');
    } else {
        checkFault("a documented operation not built yet ($unbuilt[0]) answers a SOAP Fault",
            fn() => $client->__soapCall($unbuilt[0], []), 'not implemented');
    }
}

echo $failures === 0 ? "PASS php $mode\n" : "FAILED php $mode: $failures check(s)\n";
exit($failures === 0 ? 0 : 1);
